import type { ImportJobRecord, RejectedRow } from '../../../../src/contracts/import';
import { PART_MAX_BYTES } from '../../../../src/contracts/import';
import { csvLine, readPreview, type CsvRow } from '../../../../src/domain/csv-reader';
import { exportSourceOf, suggestMapping, type ExportSource, type ImportKind, type ImportTarget } from '../../../../src/domain/import-fields';
import { splitParts } from '../../../../src/domain/import-job';
import { guessDateOrder, type DateOrder } from '../../../../src/domain/import-values';
import { api } from '../../lib/api';

/**
 * What the Import screen does with a file, apart from drawing it: read its first lines with the same
 * reader the job uses (papaparse) for the mapping and the preview, send the whole text in parts, and
 * turn the rejected rows back into a CSV the user can fix and import again.
 */
export interface FilePreview {
  header: string[];
  rows: CsvRow[];
  delimiter: string;
  source: ExportSource;
  mapping: Array<ImportTarget | null>;
  dateOrder: DateOrder;
}

const PREVIEW_ROWS = 10;

export function previewOf(kind: ImportKind, text: string): FilePreview {
  const sample = text.slice(0, 256 * 1024);
  const { format, header, rows } = readPreview(sample, 200, sample.length === text.length);
  const mapping = suggestMapping(kind, header);
  const dates = rows.flatMap((row) => row.cells.filter((_, i) => mapping[i] === 'closeDate' || mapping[i] === 'consentDate' || mapping[i] === 'contractStart'));
  return { header, rows: rows.slice(0, PREVIEW_ROWS), delimiter: format.delimiter, source: exportSourceOf(header), mapping, dateOrder: guessDateOrder(dates) };
}

export interface StartOptions {
  kind: ImportKind;
  projectKey: string;
  fileName: string;
  text: string;
  mapping: Array<ImportTarget | null>;
  mode: 'create' | 'update';
  matchBy: 'email' | 'domain' | 'externalId';
  dateOrder: DateOrder;
  defaultCurrency: string;
}

/** Creates the import, sends the parts one after another (reporting each), and starts it. */
export async function sendAndStart(options: StartOptions, onPart: (part: number, parts: number) => void): Promise<ImportJobRecord> {
  const parts = splitParts(options.text, PART_MAX_BYTES);
  const job = await api.imports.create({ kind: options.kind, projectKey: options.projectKey, fileName: options.fileName, size: options.text.length, parts: parts.length });
  for (const [index, text] of parts.entries()) {
    onPart(index + 1, parts.length);
    await api.imports.uploadPart({ jobId: job.id, index, text });
  }
  return api.imports.start({ jobId: job.id, mapping: options.mapping, mode: options.mode, matchBy: options.matchBy, dateOrder: options.dateOrder, defaultCurrency: options.defaultCurrency });
}

/** Every rejected row of a job, as a CSV: line, reason, then the row as it was in the file. */
export async function rejectedRowsCsv(jobId: string, labels: { line: string; reason: string }): Promise<string> {
  const rows: RejectedRow[] = [];
  let header: string[] = [];
  let part: number | null = 0;
  while (part !== null) {
    const page: { header: string[]; rows: RejectedRow[]; nextPart: number | null } = await api.imports.rejectedRows({ jobId, part });
    header = page.header;
    rows.push(...page.rows);
    part = page.nextPart;
  }
  return csvLine([labels.line, labels.reason, ...header], false) + rows.map((r) => csvLine([r.line, r.reason, ...r.cells], false)).join('');
}

/** Saves text as a file in the browser (a link to a blob, clicked). */
export function download(fileName: string, parts: BlobPart[]): void {
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
