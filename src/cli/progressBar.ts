import cliProgress from 'cli-progress';

export interface Progress {
  start(total: number, label: string): void;
  update(value: number): void;
  stop(): void;
}

/**
 * A progress bar on standard error when it is a terminal and the user did not ask for
 * `--quiet`; otherwise a no-op, so pipes, CI logs and `--format json` output stay clean.
 */
export function createProgress(options: { quiet: boolean; unit?: string; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) {
    return { start() {}, update() {}, stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `{label} [{bar}] {percentage}% | {value}/{total} ${options.unit ?? ''} | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start(total, label) {
      bar.start(total, 0, { label });
    },
    update(value) {
      // The label given to start() stays in the bar's payload.
      bar.update(value);
    },
    stop() {
      bar.stop();
    },
  };
}
