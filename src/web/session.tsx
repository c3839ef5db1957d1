import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { PermissionKey, RoleKey } from '../shared/roles.ts';
import { ApiError } from './api/client.ts';
import { call } from './api/contract.ts';
import { keyOf } from './api/hooks.ts';
import { setTimeZone } from './time.ts';

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: RoleKey[];
    departmentId: string | null;
    mustChangePassword: boolean;
    passwordReset: { by: string | null; at: string } | null;
    totpEnabled: boolean;
    needsTotp: boolean;
  };
  unit: { code: string; name: string; shortName: string; level: string; depth: number };
  permissions: PermissionKey[];
  session: { idleMinutes: number };
  systemTitle: string;
  timeZone: string;
  today: string;
}

interface SessionState {
  me: Me | null;
  loading: boolean;
  can: (permission: PermissionKey) => boolean;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export const ME_KEY = keyOf('GET /api/v1/me');

/** The server's readable marker of a session (its HttpOnly cookie cannot be seen from here). */
const SIGNED_IN_MARKER = 'zhaoyin_signed_in';
/** A session found gone: the marker goes too, so the next visit does not ask again. */
export const forgetSignedIn = () => {
  document.cookie = `${SIGNED_IN_MARKER}=; max-age=0; path=/; samesite=strict`;
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      // never signed in here (or signed out): no session to ask for
      if (!document.cookie.split('; ').some((c) => c.startsWith(`${SIGNED_IN_MARKER}=`))) return null;
      try {
        const me = await call('GET /api/v1/me');
        setTimeZone(me.timeZone);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          forgetSignedIn();
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const value: SessionState = {
    me: me.data ?? null,
    loading: me.isLoading,
    can: (permission) => Boolean(me.data?.permissions.includes(permission)),
    refresh: async () => {
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const context = useContext(SessionContext);
  if (!context) throw new Error('SessionProvider missing');
  return context;
}
