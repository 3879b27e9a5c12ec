// A small progress bar on stderr for the data generator. On a terminal it redraws one line; piped to a
// file it prints a line every 10% so logs stay short.

const WIDTH = 30;

export class ProgressBar {
  private done = 0;
  private lastPrintedTenth = -1;
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.render();
  }

  tick(amount: number) {
    this.done = Math.min(this.total, this.done + amount);
    this.render();
  }

  finish() {
    this.done = this.total;
    this.render();
    if (this.tty) process.stderr.write("\n");
  }

  private render() {
    const fraction = this.total > 0 ? this.done / this.total : 1;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const filled = Math.round(fraction * WIDTH);
    const line =
      `${this.label.padEnd(22)} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ` +
      `${String(Math.floor(fraction * 100)).padStart(3)}% ${this.done.toLocaleString("en-US")}/${this.total.toLocaleString("en-US")} ${seconds}s`;
    if (this.tty) {
      process.stderr.write(`\r${line}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.lastPrintedTenth) {
      this.lastPrintedTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  }
}
