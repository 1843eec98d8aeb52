// Tableau de bord de la métropole — built by `spmd dashboard build` (make build).
// Everything the pages load is in the built folder: no font, script or tile is
// fetched from another host, at build time or when the page is viewed.
const output = process.env.SPMD_DASHBOARD_OUTPUT ?? "dist";

export default {
  title: "Tableau de bord de la métropole",
  root: "src",
  output,
  lang: "fr",
  cleanUrls: false,
  // the default theme loads Google Fonts: the system's fonts instead
  globalStylesheets: [],
  style: "style.css",
  // no favicon request: the site holds every file it needs
  head: '<meta name="robots" content="noindex"><link rel="icon" href="data:,">',
  header: "",
  footer: "Service public métropolitain de la donnée — données ouvertes sous licence (voir chaque graphique).",
  toc: false,
  search: false,
  pager: false,
  sidebar: true,
  pages: [
    {name: "Vue d'ensemble", path: "/index"},
    {name: "Mobilité", path: "/mobilite"},
    {name: "Déchets", path: "/dechets"},
    {name: "Bâtiments publics", path: "/batiments"},
    {name: "Équipements", path: "/equipements"},
    {name: "Population et actes", path: "/population"},
    {name: "Qualité des données", path: "/qualite"}
  ]
};
