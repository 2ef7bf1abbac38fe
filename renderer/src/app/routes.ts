// Screens live in the address hash (#/feeds, #/servers/2) so a reload keeps the place and
// the dashboard's actions can open a screen at the right item.
import type { Screen } from '../../../preload/api';

export interface Route {
  screen: Screen;
  /** The item to show (a feed, a server), when an action pointed at one. */
  id: number | null;
}

const SCREENS: readonly Screen[] = ['dashboard', 'feeds', 'certificates', 'servers', 'settings', 'first-run'];

export function parseHash(hash: string): Route {
  const [name, id] = hash.replace(/^#\/?/, '').split('/');
  const screen = SCREENS.find((s) => s === name) ?? 'dashboard';
  const n = Number(id);
  return { screen, id: Number.isInteger(n) && n > 0 ? n : null };
}

export function hashFor(screen: Screen, id?: number | null): string {
  return `#/${screen}${id ? `/${id}` : ''}`;
}
