import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Formula } from '../../src/components/formula';

describe('<Formula>', () => {
  it('renders KaTeX output with a plain-text accessible name', async () => {
    const { container } = render(
      <Formula
        tex={String.raw`\mathrm{PPL} = e^{\mathcal{L}}`}
        text="perplexity equals e to the L"
      />,
    );
    const math = screen.getByRole('img', { name: 'perplexity equals e to the L' });
    await waitFor(() => expect(container.querySelector('.katex')).not.toBeNull());
    expect(math.querySelector('.katex-html')).not.toBeNull();
    // Once KaTeX has rendered, the plain-text fallback is gone.
    expect(container.querySelector('.formula-fallback')).toBeNull();
  });

  it('shows the plain text while KaTeX is loading (nothing blank)', () => {
    // First render happens before the dynamic import resolves.
    render(<Formula tex="x^2" text="x squared" />);
    expect(screen.getByRole('img', { name: 'x squared' }).textContent).not.toBe('');
  });

  it('shows the live version beneath, labelled', async () => {
    const { container } = render(
      <Formula
        tex={String.raw`\mathrm{PPL} = e^{\mathcal{L}}`}
        text="perplexity equals e to the L"
        live={String.raw`\mathrm{PPL} = e^{2.31} = 10.07`}
        liveText="perplexity equals e to the 2.31, which is 10.07"
      />,
    );
    expect(screen.getByText("With this run's numbers:")).toBeTruthy();
    screen.getByRole('img', {
      name: "With this run's numbers: perplexity equals e to the 2.31, which is 10.07",
    });
    await waitFor(() => expect(container.querySelectorAll('.katex')).toHaveLength(2));
  });

  it('does not throw on invalid TeX', async () => {
    const { container } = render(<Formula tex={String.raw`\frac{1}{`} text="broken" />);
    await waitFor(() => expect(container.querySelector('.katex, .katex-error')).not.toBeNull());
  });
});
