import { Link } from 'react-router-dom';

export function NotFound() {
  return (
    <main className="content content-narrow">
      <h1>Страница не найдена</h1>
      <p>
        Проверьте адрес или перейдите на <Link to="/">главную страницу</Link>.
      </p>
    </main>
  );
}
