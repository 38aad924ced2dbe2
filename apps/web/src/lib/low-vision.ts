import { useSyncExternalStore } from 'react';

/**
 * «Версия для слабовидящих» of the portal (as Russian government sites provide): a large font, a
 * black-and-white high-contrast theme, no decoration, more spacing. Remembered in this browser.
 */
const REMEMBERED = 'portal.lowVision';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(REMEMBERED) === '1';
  } catch {
    return false;
  }
}

let current = read();

export function setLowVision(on: boolean): void {
  current = on;
  try {
    if (on) localStorage.setItem(REMEMBERED, '1');
    else localStorage.removeItem(REMEMBERED);
  } catch {
    // Storage refused: the choice holds until the page is reloaded.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLowVision(): boolean {
  return useSyncExternalStore(subscribe, () => current);
}

/** Tests start from the remembered value of their own storage. */
export function resetLowVisionForTests(): void {
  current = read();
}
