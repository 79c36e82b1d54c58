/** Hands a text to the browser as a file download (an object URL on a temporary link). */
export const saveFile = (text: string, fileName: string, type: string) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  // the download has started from the click; the URL is no longer needed once it has been read
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
