/**
 * The view switcher, following the WAI-ARIA tabs pattern: one tab in the tab order, arrow keys,
 * Home and End move between tabs and show the panel at once. Returns the name of the shown view.
 */
export function setUpTabs(onChange: (name: string) => void): () => string {
  const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'));
  let current = tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0];
  const nameOf = (tab: HTMLButtonElement | undefined) => tab?.id.replace(/^tab-/, '') ?? '';

  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    current = tab;
    onChange(nameOf(tab));
  };

  for (const [index, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const last = tabs.length - 1;
      const to: Record<string, number> = {
        ArrowRight: index === last ? 0 : index + 1,
        ArrowLeft: index === 0 ? last : index - 1,
        Home: 0,
        End: last,
      };
      const next = tabs[to[event.key] ?? -1];
      if (!next) return;
      event.preventDefault();
      select(next, true);
    });
  }
  return () => nameOf(current);
}
