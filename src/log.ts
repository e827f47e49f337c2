// Named loggers writing one line each to stderr. MESHLINE_LOG sets the level (debug|info|warn|error|silent).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(msg: string, extra?: unknown): void;
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

let threshold: number = ORDER[(process.env.MESHLINE_LOG as LogLevel) ?? 'info'] ?? ORDER.info;
const sink = (line: string): void => { process.stderr.write(line + '\n'); };

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}


function format(extra: unknown): string {
  if (extra === undefined) return '';
  if (extra instanceof Error) {
    const cause = extra.cause instanceof Error ? ` (cause: ${extra.cause.message})` : '';
    return `: ${extra.message}${cause}`;
  }
  return ' ' + JSON.stringify(extra);
}

export function logger(name: string): Logger {
  const at = (level: Exclude<LogLevel, 'silent'>) => (msg: string, extra?: unknown) => {
    if (ORDER[level] < threshold) return;
    sink(`${new Date().toISOString()} ${level.padEnd(5)} [${name}] ${msg}${format(extra)}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
