import Papa from 'papaparse';

/**
 * Reading CSV text with papaparse, the same way in the browser (preview) and in the import job
 * (every row), so a row's line number and cells are the same on both sides. Pure: text in, rows out.
 *
 * The job reads a file in windows of stored text and resumes where it stopped, so reading takes the
 * format found once at the start (delimiter and line break: a window that starts after a quoted
 * line break must not guess again) and says how far it got, in characters, and on which line.
 */
export interface CsvFormat {
  delimiter: ',' | ';' | '\t' | '|';
  newline: '\r\n' | '\n' | '\r';
}

export interface CsvRow {
  /** The file line the record starts on (1 = the header). */
  line: number;
  cells: string[];
  /** A record papaparse could not read cleanly (an unterminated quote): rejected with this reason. */
  problem: string | null;
  /** Characters of the window consumed once this record (and the blank lines before it) is read. */
  end: number;
  /** The line the next record starts on. */
  nextLine: number;
}

export interface CsvWindow {
  rows: CsvRow[];
  /** Characters of the window consumed by `rows` (and by the blank lines among them). */
  consumed: number;
  /** The line the next record starts on. */
  nextLine: number;
}

const BOM = '\uFEFF';
const DELIMITERS: CsvFormat['delimiter'][] = [',', ';', '\t', '|'];

/** The text without a leading byte order mark (Excel writes one in "CSV UTF-8"). */
export function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The delimiter and line break of a file, guessed by papaparse from its first lines. */
export function detectFormat(sample: string): CsvFormat {
  const text = withoutBom(sample);
  const result = Papa.parse<string[]>(text, { preview: 20, delimitersToGuess: DELIMITERS });
  const delimiter = DELIMITERS.find((d) => d === result.meta.delimiter) ?? ',';
  const linebreak = result.meta.linebreak;
  const newline: CsvFormat['newline'] = linebreak === '\r\n' || linebreak === '\r' ? linebreak : '\n';
  return { delimiter, newline };
}

/** Line breaks as an editor counts them (\r\n, \n or \r), whatever the file's own: a quoted value's breaks are lines too. */
function countBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count += 1;
  }
  return count;
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Reads up to `maxRows` non-blank records from `text`, which starts at a record boundary on line
 * `startLine`. When `final` is false more text follows, so a record that reaches the end of the
 * window may be cut short: it is left for the next window (a window that holds no whole record
 * consumes nothing, and the caller widens it). Blank lines are skipped and are not records.
 */
export function readWindow(text: string, format: CsvFormat, startLine: number, maxRows: number, final: boolean): CsvWindow {
  const rows: CsvRow[] = [];
  let consumed = 0;
  let line = startLine;
  if (maxRows <= 0 || text.length === 0) return { rows, consumed, nextLine: line };
  Papa.parse<string[]>(text, {
    delimiter: format.delimiter,
    newline: format.newline,
    step(result, parser) {
      const end = result.meta.cursor;
      // A record ending where the window ends may continue in the next part of the file.
      if (!final && end >= text.length) {
        parser.abort();
        return;
      }
      const raw = text.slice(consumed, end);
      const cells = result.data;
      const startLine = line;
      line += countBreaks(raw);
      consumed = end;
      if (!isBlank(cells)) {
        const quoteError = result.errors.find((e) => e.type === 'Quotes');
        rows.push({ line: startLine, cells, problem: quoteError ? 'A quoted value is not closed (a " is missing)' : null, end, nextLine: line });
      }
      if (rows.length >= maxRows) parser.abort();
    },
  });
  return { rows, consumed, nextLine: line };
}

/** The header and first data rows of a file, for mapping and preview (browser, from the file's start). */
export function readPreview(sample: string, maxRows: number, complete: boolean): { format: CsvFormat; header: string[]; rows: CsvRow[] } {
  const text = withoutBom(sample);
  const format = detectFormat(text);
  const window = readWindow(text, format, 1, maxRows + 1, complete);
  const [header, ...rows] = window.rows;
  return { format, header: header?.cells.map((cell) => cell.trim()) ?? [], rows };
}

/**
 * One CSV line of values (quoted where needed) ended by `\r\n` as RFC 4180 says. Exports of CRM data
 * neutralise values a spreadsheet would run as a formula (=, +, -, @ first: OWASP's CSV injection
 * advice), since other people typed them; a rejected-rows report gives the user's own file back as it was.
 */
export function csvLine(values: ReadonlyArray<string | number | null>, escapeFormulae = true): string {
  return `${Papa.unparse([values.map((v) => (v === null ? '' : String(v)))], { newline: '\r\n', escapeFormulae })}\r\n`;
}
