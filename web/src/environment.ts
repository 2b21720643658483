// The browser behind the controller's Environment: the clock, randomness, sessionStorage, the network and visibility.
import type { Environment } from './controller.js';
import { uuid } from './state/format.js';

export function browserEnvironment(storageKey: string): Environment {
  let storage: Storage | null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null; // blocked (sandboxed frame, privacy settings): the chat works, without surviving a reload
  }
  return {
    storage,
    storageKey,
    now: () => Date.now(),
    random: () => Math.random(),
    uuid,
    online: () => navigator.onLine,
    watchNetwork: (onOnline, onOffline) => {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      return () => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      };
    },
    visible: () => document.visibilityState === 'visible',
  };
}

/** A Storage that forgets on reload, for when sessionStorage is out of reach. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}
