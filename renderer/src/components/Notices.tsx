// Short confirmations ("Feed added") in a corner, announced politely; they fade on their
// own. Errors are not shown here: they stay next to what failed.
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Icon } from './Icon';

interface Notice {
  id: number;
  text: string;
}

const NoticeContext = createContext<(text: string) => void>(() => undefined);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const notify = useCallback((text: string) => {
    const id = next.current++;
    setNotices((n) => [...n.slice(-2), { id, text }]);
    setTimeout(() => setNotices((n) => n.filter((x) => x.id !== id)), 5000);
  }, []);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <div className="notices" role="status" aria-live="polite">
        {notices.map((n) => (
          <div key={n.id} className="notice">
            <Icon name="checkCircle" size={16} />
            <span>{n.text}</span>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotify(): (text: string) => void {
  return useContext(NoticeContext);
}
