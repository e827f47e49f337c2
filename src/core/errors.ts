// One error base. `transient` tells retry() whether trying again can help.

export class MeshlineError extends Error {
  readonly transient: boolean;
  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.transient = options.transient ?? false;
  }
}

/** A user mistake in configuration: names the key path and shows a right value. */
export class ConfigError extends MeshlineError {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly example?: string,
  ) {
    super(`config ${path || '(root)'}: ${problem}${example ? `\n  for example: ${example}` : ''}`);
  }
}

/** A user mistake on the command line or in an input file. */
export class UsageError extends MeshlineError {}

export class StoreError extends MeshlineError {}

/** A network or remote service failed; usually worth retrying. */
export class NetworkError extends MeshlineError {
  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, { transient: true, ...options });
  }
}

export function isTransient(err: unknown): boolean {
  return err instanceof MeshlineError && err.transient;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
