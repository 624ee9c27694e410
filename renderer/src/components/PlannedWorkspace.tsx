/** What a workspace that is not built yet will do, instead of a blank page. */
export function PlannedWorkspace({ title, summary, items }: { title: string; summary: string; items: readonly string[] }) {
  return (
    <section className="workspace planned" aria-label={title}>
      <h1>{title}</h1>
      <p>{summary}</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
