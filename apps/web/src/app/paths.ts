/** The portal's addresses, in one place so links and routes agree. */
export const PATHS = {
  home: '/',
  catalog: '/products',
  product: (id: string) => `/products/${id}`,
  signIn: '/sign-in',
  register: '/register',
} as const;
