import { ProblemError, type Problem } from './api';
import { currentToken, signOutOnUnauthorized } from './session';

/**
 * Downloads a protected file with the signed-in user's token (a plain link would carry none): the
 * answer becomes a blob behind an object URL that a temporary link saves under `filename`.
 */
export async function download(path: string, filename: string): Promise<void> {
  const token = currentToken();
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (response.status === 401) signOutOnUnauthorized();
  if (!response.ok) throw new ProblemError((await response.json()) as Problem);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // late enough for the browser to have read the blob, soon enough not to keep it
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
