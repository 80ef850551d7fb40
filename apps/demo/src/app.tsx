import { useEffect, useState } from 'react';
import { STORIES } from './stories/index.js';
import type { Story } from './story.js';

function storyFromHash(): Story {
  const id = window.location.hash.replace(/^#\/?/, '');
  return STORIES.find((s) => s.id === id) ?? STORIES[0]!;
}

/** The storybook page: a sidebar of stories, each a live example with its source. */
export function App() {
  const [story, setStory] = useState(storyFromHash);
  useEffect(() => {
    const onHash = () => setStory(storyFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${story.title} · vod-uploader demo`;
  }, [story]);

  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Stories">
        <p className="sidebar__brand">vod-uploader</p>
        <ul>
          {STORIES.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === story.id ? 'page' : undefined}>
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="story">
        <h1>{story.title}</h1>
        <p>{story.description}</p>
        <section className={story.dark ? 'example example--dark' : 'example'} aria-label="Live example">
          {/* A key per story: every story starts from a fresh uploader. */}
          <story.Component key={story.id} />
        </section>
        <details className="source" open>
          <summary>Code</summary>
          <pre>
            <code>{story.source}</code>
          </pre>
        </details>
      </main>
    </div>
  );
}
