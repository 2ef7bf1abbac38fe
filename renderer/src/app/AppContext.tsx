// What every screen needs: the app's facts (shell, dealer's zone and locale), formatters
// bound to them, and navigation.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AppInfo, Screen } from '../../../preload/api';
import { createDateFormatter, type DateFormatter } from '../format/dates';
import { formatCount, formatTrees } from '../format/numbers';

export interface AppContextValue {
  info: AppInfo;
  dates: DateFormatter;
  count(n: number): string;
  trees(n: number): string;
  navigate(screen: Screen, id?: number | null): void;
  /** True once a server is registered (the first-run screen gives way to the dashboard). */
  hasServer: boolean;
}

const Ctx = createContext<AppContextValue | null>(null);

export function AppProvider({ info, navigate, hasServer, children }: { info: AppInfo; navigate: AppContextValue['navigate']; hasServer: boolean; children: ReactNode }) {
  const value = useMemo<AppContextValue>(
    () => ({
      info,
      dates: createDateFormatter(info.timezone, info.locale),
      count: (n) => formatCount(n, info.locale),
      trees: (n) => formatTrees(n, info.locale),
      navigate,
      hasServer,
    }),
    [info, navigate, hasServer],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppContextValue {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside AppProvider');
  return ctx;
}
