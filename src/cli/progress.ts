import { paint } from './terminal.js';

const WIDTH = 24;

/** One line on a terminal, redrawn in place: a bar, done/total and what was finished last. */
export class ProgressBar {
  private total = 0;
  private done = 0;

  constructor(
    private readonly stream: { write(chunk: string): unknown; columns?: number },
    private readonly color: boolean,
  ) {}

  start(total: number, done: number): void {
    [this.total, this.done] = [total, done];
    this.draw('');
  }

  advance(label: string): void {
    this.done += 1;
    this.draw(label);
  }

  clear(): void {
    if (this.total) this.stream.write('\r\x1b[2K');
  }

  private draw(label: string): void {
    if (!this.total) return;
    const filled = Math.round((this.done / this.total) * WIDTH);
    const bar = `${paint(this.color, 'green', '█'.repeat(filled))}${paint(this.color, 'dim', '░'.repeat(WIDTH - filled))}`;
    const line = `${this.done}/${this.total} ${label}`;
    const room = (this.stream.columns ?? 80) - WIDTH - 2;
    this.stream.write(`\r\x1b[2K${bar} ${line.length > room ? `${line.slice(0, Math.max(0, room - 1))}…` : line}`);
  }
}
