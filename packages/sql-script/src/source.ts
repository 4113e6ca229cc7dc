import type { Origin } from './types';

/** The text of one script file with the line index needed to turn offsets into origins. */
export class SourceText {
  private starts: number[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  private lineStarts(): number[] {
    if (this.starts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  /** Origin of a UTF-16 offset; columns count code points so they match what editors show. */
  origin(offset: number): Origin {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: codePoints(this.text, starts[lo], offset) + 1 };
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string | undefined {
    const starts = this.lineStarts();
    if (line < 1 || line > starts.length) return undefined;
    const start = starts[line - 1];
    const end = line < starts.length ? starts[line] - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/** Number of code points in text[from, to). */
export function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === from) n++;
  }
  return n;
}
