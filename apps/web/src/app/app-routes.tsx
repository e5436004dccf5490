import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { AppFrame } from './app-frame';

// Each page is its own chunk: a visitor of the catalog never downloads the sign-in form.
const LandingPage = lazy(() => import('../pages/landing-page'));
const CatalogPage = lazy(() => import('../pages/catalog-page'));
const ProductPage = lazy(() => import('../pages/product-page'));
const SignInPage = lazy(() => import('../pages/sign-in-page'));
const RegisterPage = lazy(() => import('../pages/register-page'));
const NotFoundPage = lazy(() => import('../pages/not-found-page'));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppFrame />}>
        <Route index element={<LandingPage />} />
        <Route path="products" element={<CatalogPage />} />
        <Route path="products/:id" element={<ProductPage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
