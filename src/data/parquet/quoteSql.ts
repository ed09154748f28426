/** A SQL identifier in double quotes (column names come from user files). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal (paths go into `read_parquet` and `COPY ... TO`, which take no parameters). */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
