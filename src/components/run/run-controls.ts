/**
 * The run controls every island and every snippet shows, defined once as data: the Stop button, the status badge,
 * the backend menu and the output. `RunControls.astro` renders them for the islands, the Expressive Code plugin
 * (integrations/ec-runnable.ts) as hast for snippets, and `createControl` in the page (a snippet's output). Their
 * classes, labels and hooks are what the elements, the styles and the tests select on. Their words come from the
 * words tables through `say`: `Astro.locals.t` at build time, the plugin's table for the page's language, `word` in
 * the page.
 */
import { BACKEND_CHOICES, backendLabel } from '../../runtime/protocol/backends.ts';

/** An element as data: its tag, its attributes in order (`true`: present, no value) and its children. */
export interface ControlNode {
  tag: string;
  attrs: Record<string, string | true>;
  children: Array<ControlNode | string>;
}

const node = (tag: string, attrs: ControlNode['attrs'], children: ControlNode['children'] = []): ControlNode => ({
  tag,
  attrs,
  children,
});

/** The words the controls say, keyed as in the words tables. */
export type ControlWord = 'run.controls.stop' | 'run.controls.backend' | 'run.controls.auto';
export type Say = (key: ControlWord) => string;

/** Hooks an island's script finds its controls by (`{ 'data-output': true }`): attributes added last. */
export type ControlHooks = Record<string, string | true>;

/** Stops the run under way; enabled by RunSession while one runs. */
export function stopButton(say: Say): ControlNode {
  return node(
    'button',
    { type: 'button', class: 'course-button course-button--quiet', 'data-action': 'stop', disabled: true },
    [say('run.controls.stop')],
  );
}

/** What the run is doing (the backend, how it ended); `text` is what it says before the island wakes. */
export function statusBadge(text = '', hooks: ControlHooks = {}): ControlNode {
  return node('span', { class: 'course-snippet__badge', role: 'status', ...hooks }, text ? [text] : []);
}

/**
 * The backend picker, `auto` then every backend in fallback order. `toolbar` is a snippet's: named by its
 * aria-label and disabled until the snippet wakes; `field` is a form field of an island's form (`name="backend"`).
 */
export function backendMenu(kind: 'toolbar' | 'field', say: Say): ControlNode {
  const options = BACKEND_CHOICES.map((choice) =>
    node('option', { value: choice }, [choice === 'auto' ? say('run.controls.auto') : backendLabel(choice)]),
  );
  const backend = say('run.controls.backend');
  return kind === 'toolbar'
    ? node('label', { class: 'course-snippet__backend' }, [
        `${backend} `,
        node('select', { 'aria-label': backend, disabled: true }, options),
      ])
    : node('label', {}, [backend, node('select', { name: 'backend', class: 'course-input' }, options)]);
}

/**
 * Where a run's output is drawn (OutputView), announced politely. `label` names it for screen readers; a
 * `focusable` output can be scrolled from the keyboard when it overflows.
 */
export function runOutput(label: string, hooks: ControlHooks = {}, focusable = false): ControlNode {
  return node('div', {
    class: 'course-snippet__output',
    'aria-live': 'polite',
    'aria-label': label,
    ...(focusable ? { tabindex: '0' } : {}),
    ...hooks,
  });
}

const escapeText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeAttr = (s: string) => escapeText(s).replaceAll('"', '&quot;');

/** The control as HTML, for Astro's `set:html`. */
export function controlHtml(control: ControlNode | string): string {
  if (typeof control === 'string') return escapeText(control);
  const attrs = Object.entries(control.attrs)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeAttr(value)}"`))
    .join('');
  return `<${control.tag}${attrs}>${control.children.map(controlHtml).join('')}</${control.tag}>`;
}

/** The control as an element, for the controls a script adds (a snippet's output, made when it wakes). */
export function createControl(control: ControlNode): HTMLElement {
  const element = document.createElement(control.tag);
  for (const [name, value] of Object.entries(control.attrs)) element.setAttribute(name, value === true ? '' : value);
  element.append(...control.children.map((child) => (typeof child === 'string' ? child : createControl(child))));
  return element;
}
