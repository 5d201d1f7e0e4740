// A real OpenID provider for the test suite: the certified `oidc-provider` package, on
// loopback, with the app's client, accounts whose claims the tests choose, and the
// package's own development login pages (any login, any password).
//
// Started by tests/accounts/oidc.py with PORT and OIDC_TEST_CONFIG (JSON: clients, accounts,
// jwks with the private signing key, so that the tests can also sign crafted tokens).
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const config = JSON.parse(process.env.OIDC_TEST_CONFIG);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: config.clients,
  jwks: config.jwks,
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...(config.accounts[id] || {}) };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: [
      'name', 'given_name', 'family_name', 'preferred_username',
      'department', 'site', 'profession', 'groups',
    ],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['svsupport-test-cookie-key'] },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${port}`);
});
