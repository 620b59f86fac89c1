/** Where the window is. In memory only: no route, and so no secret, ever reaches the URL. */

export type ProfileTab = 'sign-in' | 'session' | 'token' | 'tokens-for-users';

export type Route =
  | { screen: 'profiles' }
  | { screen: 'editor'; profileId?: string }
  | { screen: 'profile'; profileId: string; tab: ProfileTab }
  | { screen: 'activity'; profileId?: string };

export class Navigator {
  route = $state<Route>({ screen: 'profiles' });
  /** Bumped on every navigation, so the screen's heading can take focus. */
  visits = $state(0);

  /** A new screen: its heading takes focus. */
  go(route: Route): void {
    this.route = route;
    this.visits += 1;
  }

  /** The same screen in another state (a tab): focus stays where the person put it. */
  replace(route: Route): void {
    this.route = route;
  }
}
