import { AppLink } from '../components/nav/AppLink';
import { DisplaySettings } from './DisplaySettings';
import { HeaderTools } from './HeaderTools';
import { APP_NAME } from './pages';
import { PipelineNav } from './PipelineNav';

export function Header() {
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <AppLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {APP_NAME}
        </AppLink>
        <p className="brand-tagline">Train a tiny GPT, stage by stage, in your browser</p>
        <div className="header-tools">
          <HeaderTools />
          <DisplaySettings />
        </div>
      </div>
      <PipelineNav />
    </header>
  );
}
