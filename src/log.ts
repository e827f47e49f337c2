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
const sink = (line: string): void => {
  process.stderr.write(line + '\n');
};

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

export type LogFormat = 'text' | 'json';
let lineFormat: LogFormat = process.env.MESHLINE_LOG_FORMAT === 'json' ? 'json' : 'text';

/** text: one readable line; json: one JSON object a line (time, level, logger, msg, error), for log shippers. */
export function setLogFormat(format: LogFormat): void {
  lineFormat = format;
}

function jsonLine(time: string, level: string, name: string, msg: string, extra: unknown): string {
  const entry: Record<string, unknown> = { time, level, logger: name, msg };
  if (extra instanceof Error) {
    entry.error = extra.message;
    if (extra.cause instanceof Error) entry.cause = extra.cause.message;
  } else if (extra !== undefined) entry.extra = extra;
  return JSON.stringify(entry);
}

export function logger(name: string): Logger {
  const at = (level: Exclude<LogLevel, 'silent'>) => (msg: string, extra?: unknown) => {
    if (ORDER[level] < threshold) return;
    const time = new Date().toISOString();
    const text = () => `${time} ${level.padEnd(5)} [${name}] ${msg}${format(extra)}`;
    sink(lineFormat === 'json' ? jsonLine(time, level, name, msg, extra) : text());
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
