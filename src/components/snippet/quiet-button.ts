/** A quiet course button that calls `onClick`; `action` becomes its `data-action` hook. */
export function quietButton(text: string, onClick: () => void, action?: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'course-button course-button--quiet';
  if (action) button.dataset.action = action;
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}
