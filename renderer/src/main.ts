import { hydrate, mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { FIRST_DATA_ID, readFirstData } from './lib/first-screen.js';

const target = document.getElementById('app');
const api = window.sessionApi;
if (target && api) {
  // The web bridge prerenders the first screen and puts the list it used beside it; the window
  // takes that markup over. Without both (Electron loads the file as built), it renders afresh.
  const first = readFirstData(document.getElementById(FIRST_DATA_ID)?.textContent);
  if (first && target.firstChild) {
    hydrate(App, { target, props: { api, first } });
  } else {
    target.textContent = '';
    mount(App, { target, props: { api } });
  }
  // Tests and the bench wait for this: from here on every control does what it says.
  document.documentElement.dataset.ready = '';
} else if (target) {
  target.textContent =
    'This window was opened without its session API. Start it with npm start or npm run web.';
}
