import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { z } from 'zod';
import type { ExportInput } from '../../../../src/contracts/export';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { flagError } from '../../lib/components';
import { messageLocale, t } from '../../lib/i18n';
import { download } from './import-file';
import '../../lib/areas/imports';

type Request = z.input<typeof ExportInput>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exports a table view as CSV: asks for slices until the cursor ends (waiting and asking again when
 * Relay says the site's storage is busy), keeps them as parts of one Blob, and saves the file.
 */
export async function exportCsv(request: Request, onRows: (rows: number) => void): Promise<{ parts: string[]; rows: number }> {
  const parts: string[] = [];
  let rows = 0;
  let cursor: string | undefined;
  for (let busy = 0; ; ) {
    try {
      // The header row in the language the page speaks (functions are not told the user's locale).
      const slice = await api.exports.table({ ...request, locale: messageLocale(), ...(cursor ? { cursor } : {}) } as Request);
      parts.push(slice.csv);
      rows += slice.rows;
      onRows(rows);
      busy = 0;
      if (!slice.nextCursor) return { parts, rows };
      cursor = slice.nextCursor;
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'RATE_LIMITED' || busy >= 10) throw error;
      busy += 1;
      await sleep(5000 * busy);
    }
  }
}

export function ExportButton({ request, fileName, label, testId }: { request: Request; fileName: string; label?: string; testId: string }) {
  const [rows, setRows] = useState<number | null>(null);
  const run = async () => {
    setRows(0);
    try {
      const result = await exportCsv(request, setRows);
      download(fileName, result.parts);
    } catch (error) {
      flagError(error);
    } finally {
      setRows(null);
    }
  };
  return (
    <span className="relay-export">
      <Button onClick={() => void run()} isLoading={rows !== null} testId={testId}>
        {label ?? t('exports.button')}
      </Button>
      {rows !== null ? (
        <span className="relay-muted" role="status">
          {t('exports.running', { rows })}
        </span>
      ) : null}
    </span>
  );
}
