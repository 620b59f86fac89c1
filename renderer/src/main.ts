import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

const target = document.getElementById('app');
const api = window.sessionApi;
if (target && api) {
  mount(App, { target, props: { api } });
} else if (target) {
  target.textContent =
    'This window was opened without its session API. Start it with npm start or npm run web.';
}
