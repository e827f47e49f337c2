// What a site's pages are rendered with: its templates, words, address, language and sizes.

export interface SiteOptions {
  /** The built-in templates. */
  templatesDir: string;
  /** A theme (site.templatesDir): its templates, assets and locales over the built-in ones. */
  themeDir?: string | undefined;
  title: string;
  description: string;
  siteUrl: string;
  lang: string;
  timeZone: string;
  pageSize: number;
  feedSize: number;
  /** Pages each sorted view keeps (default 5). */
  sortPages?: number;
  /**
   * A module of these templates compiled ahead of time (src/render/precompiled.ts), checked when it was made; used
   * only while it matches the templates' text.
   */
  precompiled?: string | undefined;
  /** Renders with nunjucks alone: what the compiled templates (compile.ts) are checked against. */
  nunjucksOnly?: boolean;
}

export interface ListItem {
  url: string;
  label: string;
  note?: string;
}
