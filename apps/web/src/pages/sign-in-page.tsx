import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { unwrap } from '../api/api-error';
import { api } from '../api/client';
import { placeError } from '../api/form-errors';
import { PATHS } from '../app/paths';
import { sessionStore } from '../auth/session';
import { usePageTitle } from '../components/use-page-title';

interface Credentials {
  email: string;
  password: string;
}

const FIELDS = ['email', 'password'] as const;

/** Only a path of this portal: a crafted ?from= must not send anyone to another site. */
function returnPath(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') ? from : PATHS.home;
}

export default function SignInPage() {
  usePageTitle('登录');
  const [form] = Form.useForm<Credentials>();
  const [alert, setAlert] = useState<string | null>(null);
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const signIn = useMutation({
    mutationFn: (body: Credentials) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: async (session) => {
      sessionStore.signIn(session);
      await navigate(returnPath(params.get('from')), { replace: true });
    },
    onError: (error) => {
      const placement = placeError(error, FIELDS, {
        INVALID_CREDENTIALS: 'password',
        ACCOUNT_LOCKED: 'password',
      });
      form.setFields(
        placement.fields.map(({ name, errors }) => ({ name: name as keyof Credentials, errors })),
      );
      setAlert(placement.alert);
    },
  });

  return (
    <section className="kjq-panel kjq-auth-card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="kjq-card-title">
        登录科金桥
      </h1>
      <Form<Credentials>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={signIn.isPending}
        onFinish={(values) => {
          setAlert(null);
          signIn.mutate(values);
        }}
      >
        <Form.Item
          name="email"
          label="邮箱"
          rules={[
            { required: true, message: '请输入邮箱' },
            { type: 'email', message: '请输入有效的邮箱地址' },
          ]}
        >
          <Input prefix={<MailOutlined aria-hidden />} autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
        </Form.Item>
        {alert && (
          <Alert className="kjq-form-alert" type="error" showIcon message={alert} role="alert" />
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
          登录
        </Button>
      </Form>
      <p className="kjq-auth-switch">
        还没有账号？<Link to={PATHS.register}>企业注册</Link>
      </p>
    </section>
  );
}
