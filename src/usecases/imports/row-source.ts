import { importStore } from '../../ports/registry';
import { readWindow, type CsvFormat, type CsvRow } from '../../domain/csv-reader';
import type { ImportCursor } from '../../domain/import-job';
import { unitsOf } from '../../domain/import-job';

/**
 * The rows of an uploaded file from a cursor on, read from its stored parts (each part is loaded
 * once per run and kept while the run needs it). A record may span two parts; a window reaches into
 * the next part until it holds whole records.
 */
export class RowSource {
  private readonly parts = new Map<number, string>();
  private buffer: CsvRow[] = [];
  private bufferCursor: ImportCursor;
  /** Read units spent loading parts. */
  readUnits = 0;

  constructor(
    private readonly jobId: string,
    private readonly partLengths: readonly number[],
    private readonly format: CsvFormat,
    private cursor: ImportCursor,
  ) {
    this.bufferCursor = cursor;
  }

  private async part(index: number): Promise<string> {
    let text = this.parts.get(index);
    if (text === undefined) {
      const [loaded] = await importStore.readParts(this.jobId, [index]);
      if (loaded === undefined) throw new Error(`Part ${index + 1} of the file is missing from storage`);
      text = loaded;
      this.readUnits += unitsOf(text);
      this.parts.set(index, text);
      // Parts behind the cursor are not needed again.
      for (const key of [...this.parts.keys()]) if (key < this.cursor.part) this.parts.delete(key);
    }
    return text;
  }

  /** The cursor after `chars` more characters and on `line`. */
  private moved(from: ImportCursor, chars: number, line: number): ImportCursor {
    let { part, offset } = from;
    let left = chars;
    while (left > 0 && part < this.partLengths.length) {
      const room = (this.partLengths[part] ?? 0) - offset;
      if (left < room) {
        offset += left;
        left = 0;
      } else {
        left -= room;
        part += 1;
        offset = 0;
      }
    }
    return { part, offset, line, read: from.read + chars };
  }

  get position(): ImportCursor {
    return this.cursor;
  }

  get atEnd(): boolean {
    return this.buffer.length === 0 && this.cursor.read >= this.partLengths.reduce((a, b) => a + b, 0);
  }

  /** Up to `n` rows from the cursor (fewer only at the end of the file). */
  async peek(n: number): Promise<CsvRow[]> {
    if (this.buffer.length < n) await this.fill(Math.max(n, 200));
    return this.buffer.slice(0, n);
  }

  /** Where the cursor would be after the first `k` rows peeked (nothing moves). */
  cursorAfter(k: number): ImportCursor {
    if (k === 0) return this.cursor;
    const last = this.buffer[k - 1];
    if (!last) throw new Error('Advancing past rows that were not read');
    return this.moved(this.bufferCursor, last.end, last.nextLine);
  }

  /** Moves the cursor past the first `k` rows peeked (once their batch is committed). */
  advance(k: number): void {
    if (k === 0) return;
    const last = this.buffer[k - 1]!;
    this.cursor = this.cursorAfter(k);
    // Rows still buffered keep their window offsets: they are measured from the window's start.
    this.buffer = this.buffer.slice(k).map((row) => ({ ...row, end: row.end - last.end }));
    this.bufferCursor = this.cursor;
  }

  private async fill(rows: number): Promise<void> {
    // Read a fresh window from the end of what is buffered.
    const from = this.buffer.length > 0 ? this.moved(this.bufferCursor, this.buffer[this.buffer.length - 1]!.end, this.buffer[this.buffer.length - 1]!.nextLine) : this.cursor;
    const total = this.partLengths.length;
    for (let span = 2; ; span += 1) {
      if (from.part >= total) return;
      const last = Math.min(total - 1, from.part + span - 1);
      let text = (await this.part(from.part)).slice(from.offset);
      for (let p = from.part + 1; p <= last; p += 1) text += await this.part(p);
      const final = last === total - 1;
      const window = readWindow(text, this.format, from.line, rows, final);
      if (window.rows.length === 0 && window.consumed === 0 && !final) continue;
      const base = this.buffer.length > 0 ? this.buffer[this.buffer.length - 1]!.end : 0;
      this.buffer.push(...window.rows.map((row) => ({ ...row, end: base + row.end })));
      if (window.rows.length === 0) {
        // Only blank lines were left: step over them.
        if (this.buffer.length === 0) {
          this.cursor = this.moved(from, window.consumed, window.nextLine);
          this.bufferCursor = this.cursor;
        }
      }
      return;
    }
  }
}
