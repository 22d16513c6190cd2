import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page with the configured title and guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The app's config reached it (its title), and the sign-in page offers the guest provider.
    expect(
      await rendered.findByRole('heading', { level: 1, name: 'Test' }),
    ).toBeInTheDocument();
    expect(rendered.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(rendered.getByText(/Enter as a Guest User/)).toBeInTheDocument();
  });
});
