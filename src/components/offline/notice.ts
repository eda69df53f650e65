/**
 * Fills the page's notice region (overrides/Footer.astro: a polite live region, always in the page, so that screen
 * readers announce what appears in it) with a message and one button. The button dismisses the notice and then
 * does `act`, if any. Nothing takes focus: the reader finishes what they were doing first.
 */
export function showNotice(message: string, label: string, act?: () => void): void {
  const region = document.querySelector<HTMLElement>('[data-course-notice]');
  if (!region) return;
  const text = document.createElement('p');
  text.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'course-button';
  button.textContent = label;
  button.addEventListener('click', () => {
    region.replaceChildren();
    act?.();
  });
  const box = document.createElement('div');
  box.className = 'course-notice__box';
  box.append(text, button);
  region.replaceChildren(box);
}
