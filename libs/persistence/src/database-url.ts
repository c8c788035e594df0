/** `DATABASE_URL` names the PostgreSQL server; each service keeps its own database on it. */
export function serviceDatabaseName(service: string): string {
  return `hearth_${service}`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
