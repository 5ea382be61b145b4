/**
 * A table as CSV the way Danish spreadsheets open it: semicolon-separated, UTF-8 with a byte-order mark, CRLF
 * lines. Served inside the page as a data: link, so a download needs no second request.
 */
const BOM = '\ufeff';

/** A cell as text: quoted when it holds ; " or a line break; a leading = + - @ is neutralised (CSV injection). */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** The link target of a download: the CSV's bytes, base64 inside a data: URL. */
export function csvDataUrl(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `data:text/csv;charset=utf-8;base64,${Buffer.from(toCsv(rows), 'utf8').toString('base64')}`;
}
