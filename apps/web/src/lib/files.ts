/** A chosen file's bytes as base64, for the JSON API (the browser has no streaming upload here). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** 1536 → «1,5 КБ». */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} Б`;
  const units = ['КБ', 'МБ', 'ГБ'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('ru-RU', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** The largest document the server takes. */
export { DOCUMENT_MAX_BYTES } from '@uslugi/contracts';
