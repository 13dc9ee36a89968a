/**
 * How long the object URL of a download stays valid after the click. Chrome takes hold of the
 * blob at once, but older engines read it a little later; a second costs nothing.
 */
const REVOKE_AFTER_MS = 1000;

/**
 * Has the browser save a text as a file: a Blob behind an object URL, clicked through an
 * `<a download>` (the one way to name the file), and the URL revoked after, so the blob is freed.
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  // Firefox follows only a link that is in the document.
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
