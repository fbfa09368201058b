/** Log lines in the logfmt style of the ECS agent (`level=info time=... msg="..." key=value`). */
export type Fields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

const quote = (value: string) => (/^[^\s"=]+$/.test(value) ? value : JSON.stringify(value));

function formatLine(level: string, msg: string, fields: Fields = {}): string {
  const pairs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${quote(String(v))}`);
  return [`level=${level}`, `time=${new Date().toISOString()}`, `msg=${JSON.stringify(msg)}`, ...pairs].join(" ");
}

export function createLogger(sink: (line: string) => void): Logger {
  const at = (level: string) => (msg: string, fields?: Fields) => sink(formatLine(level, msg, fields));
  return { info: at("info"), warn: at("warn"), error: at("error") };
}

/** An error as one line: its name (the AWS exception for API errors), message and low-level cause. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : "";
  return `${err.name}: ${err.message}${cause}`;
}
