import { describe, expect, it } from 'vitest';
import { firstRoute, readFirstData } from './first-screen.js';
import { profileView } from './testing/fake-api.js';

describe('the first screen', () => {
  const prod = profileView({ id: 'prod', name: 'Prod', isDefault: false });
  const dev = profileView({ id: 'dev', name: 'Dev', isDefault: false });

  it('opens the default profile on its sign-in form when it has no live session', () => {
    const route = firstRoute([dev, { ...prod, isDefault: true }]);
    expect(route).toEqual({ screen: 'profile', profileId: 'prod', tab: 'sign-in' });
  });

  it('opens the default profile on its session when it is signed in', () => {
    const live = {
      ...prod,
      isDefault: true,
      status: { state: 'signed-in', kind: 'bearer' },
    } as const;
    expect(firstRoute([dev, live])).toEqual({
      screen: 'profile',
      profileId: 'prod',
      tab: 'session',
    });
  });

  it('opens the only profile, and the list when there are several and none is the default', () => {
    expect(firstRoute([dev])).toMatchObject({ screen: 'profile', profileId: 'dev' });
    expect(firstRoute([dev, prod])).toEqual({ screen: 'profiles' });
    expect(firstRoute([])).toEqual({ screen: 'profiles' });
  });

  it('reads the data a prerendered page carries, and ignores what is not that', () => {
    const data = { profiles: [prod], secrets: { location: 'the OS keychain' } };
    expect(readFirstData(JSON.stringify(data))).toEqual(data);
    for (const text of [null, '', '{', '[]', 'null', '{"profiles":{}}', '{"profiles":[]}']) {
      expect(readFirstData(text), String(text)).toBeUndefined();
    }
  });
});
