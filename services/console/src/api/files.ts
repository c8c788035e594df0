import { currentSession, problemOf, refresh, type Session } from './session';

/**
 * Files to and from /api/<service>/…, with the same token handling as `api()`: a photo sent as
 * multipart/form-data, an image fetched as bytes (a plain <img src> cannot send the token).
 */
async function withToken(send: (session: Session | undefined) => Promise<Response>): Promise<Response> {
  let session = currentSession();
  if (!session || session.expiresAt - Date.now() < 30_000) session = await refresh();
  let response = await send(session);
  if (response.status === 401) response = await send(await refresh());
  if (!response.ok) throw await problemOf(response);
  return response;
}

const authorization = (session: Session | undefined): Record<string, string> => (session ? { authorization: `Bearer ${session.accessToken}` } : {});

/** POSTs one file as the multipart field `field`; the browser writes the boundary. */
export async function uploadFile<T>(path: string, field: string, file: Blob, filename?: string): Promise<T> {
  const response = await withToken((session) => {
    const form = new FormData();
    form.append(field, file, filename);
    return fetch(`/api${path}`, { method: 'POST', headers: authorization(session), body: form });
  });
  return (await response.json()) as T;
}

/** GETs bytes (an image, a document) as a Blob. */
export async function fetchBlob(path: string): Promise<Blob> {
  const response = await withToken((session) => fetch(`/api${path}`, { headers: authorization(session) }));
  return response.blob();
}

/** GETs a document (a PDF) with the token and hands it to the browser as a download named `filename`. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(await fetchBlob(path));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
