import type { User } from './user.entity';

export interface UserView {
  id: string;
  orgId: string;
  role: User['role'];
  name: string;
  email: string;
  phone: string | null;
  status: User['status'];
  lastLoginAt: string | null;
  createdAt: string;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    orgId: user.orgId,
    role: user.role,
    name: user.name,
    email: user.email,
    phone: user.phone,
    status: user.status,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
