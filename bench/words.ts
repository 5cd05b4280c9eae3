/**
 * The vocabulary of the synthetic corpus: what members of local business networks post, per
 * category (storage/reference/catalog.json), in the telegraphic French of classified ads,
 * with accents, plurals and units.
 */

/** Category ids of the catalogue with their share of the listings. */
export const CATEGORY_WEIGHTS = {
  vehicles: 12,
  premises: 12,
  equipment: 15,
  materials: 12,
  skills: 9,
  services: 10,
  staff: 7,
  food: 12,
  projects: 6,
  other: 5,
} as const;

/** A category id. */
export type CategoryId = keyof typeof CATEGORY_WEIGHTS;

/** Terms ids of the catalogue (null: not stated), with their share per category. */
export const TERMS_WEIGHTS: Record<CategoryId, Record<string, number>> = {
  vehicles: { loan: 45, pooling: 20, sale: 10, gift: 5, none: 20 },
  premises: { loan: 35, pooling: 30, sale: 10, exchange: 5, none: 20 },
  equipment: { loan: 40, gift: 15, sale: 15, pooling: 10, exchange: 5, none: 15 },
  materials: { gift: 45, sale: 15, exchange: 15, none: 25 },
  skills: { sponsorship: 45, exchange: 20, sale: 10, none: 25 },
  services: { exchange: 20, sale: 30, pooling: 20, sponsorship: 5, none: 25 },
  staff: { sponsorship: 35, loan: 20, exchange: 15, none: 30 },
  food: { sale: 40, gift: 20, exchange: 10, pooling: 5, none: 25 },
  projects: { pooling: 50, exchange: 10, none: 40 },
  other: { gift: 40, exchange: 20, sale: 10, none: 30 },
};

/** What an offer's title starts with, by terms ("none": terms not stated). */
export const OFFER_OPENINGS: Record<string, readonly string[]> = {
  loan: ["Prêt de", "Mise à disposition :", "Prête", "À emprunter :"],
  gift: ["Don de", "Donne", "À donner :", "Cède gratuitement"],
  sale: ["Vente de", "À vendre :", "Vends", "Cède"],
  exchange: ["Échange", "Troc :", "Propose en échange"],
  pooling: ["Mutualisation :", "Partage de", "À partager :"],
  sponsorship: ["Mécénat :", "Offre de mécénat :", "Propose"],
  none: ["Propose", "Disponible :", "Offre :", "Nous proposons"],
};

/** What a need's title starts with. */
export const NEED_OPENINGS: readonly string[] = [
  "Recherche",
  "Cherche",
  "Besoin de",
  "Nous recherchons",
  "Recherche urgente :",
  "Qui pourrait nous prêter",
  "Appel à partenaires :",
];

/** What is offered or needed, per category. */
export const OBJECTS: Record<CategoryId, readonly string[]> = {
  vehicles: [
    "camionnette 12 m³",
    "camionnette frigorifique",
    "véhicule utilitaire",
    "véhicules de service",
    "minibus 9 places",
    "voiture électrique",
    "remorque plateau",
    "vélo cargo",
    "vélos à assistance électrique",
    "camion benne",
    "fourgon aménagé",
    "van aménagé",
    "chariot élévateur",
    "tracteur",
    "navette pour salariés",
    "transport de marchandises",
    "covoiturage domicile-travail",
    "utilitaire avec hayon",
  ],
  premises: [
    "salle de réunion équipée",
    "salle de réunion",
    "bureau partagé",
    "bureaux meublés",
    "entrepôt 200 m²",
    "local commercial",
    "atelier",
    "chambre froide",
    "espace de stockage",
    "hangar agricole",
    "cuisine professionnelle",
    "salle polyvalente",
    "espace de coworking",
    "garage",
    "box de stockage",
    "parking pour poids lourds",
  ],
  equipment: [
    "perceuse à percussion",
    "outillage de menuiserie",
    "échafaudage",
    "vidéoprojecteur",
    "tables et chaises",
    "barnums",
    "sono portable",
    "imprimante 3D",
    "ordinateurs portables",
    "broyeur de végétaux",
    "groupe électrogène",
    "nettoyeur haute pression",
    "machine à café professionnelle",
    "transpalette",
    "four à pain",
    "tentes de réception",
    "défibrillateur",
    "matériel de sonorisation",
  ],
  materials: [
    "palettes bois",
    "cartons d'emballage",
    "emballages alimentaires",
    "chutes de bois",
    "tissus",
    "pots de peinture",
    "carrelage",
    "plaques de plâtre",
    "invendus",
    "bocaux en verre",
    "fournitures de bureau",
    "ramettes de papier",
    "tuiles",
    "câbles électriques",
    "isolant laine de bois",
    "bâches",
  ],
  skills: [
    "mécénat de compétences",
    "conseil en comptabilité",
    "conseil juridique",
    "formation bureautique",
    "graphisme",
    "création de site web",
    "accompagnement RH",
    "expertise énergétique",
    "traduction anglais",
    "photographie",
    "formation premiers secours",
    "conseil en communication",
    "rédaction de dossiers de subvention",
  ],
  services: [
    "maintenance informatique",
    "conciergerie d'entreprise",
    "logistique du dernier kilomètre",
    "livraisons",
    "entretien des espaces verts",
    "ménage des locaux",
    "réparation de vélos",
    "gardiennage",
    "déménagement",
    "traiteur",
    "blanchisserie",
    "secrétariat partagé",
  ],
  staff: [
    "bénévoles",
    "renfort ponctuel",
    "main-d'œuvre",
    "temps de salarié",
    "animateur",
    "chauffeur poids lourd",
    "manutentionnaires",
    "stagiaire",
    "saisonniers",
    "cuisinier",
  ],
  food: [
    "fruits rouges bio",
    "pommes",
    "confitures artisanales",
    "légumes de saison",
    "fromages de brebis",
    "miel",
    "farine de blé",
    "œufs fermiers",
    "viande bovine",
    "repas",
    "paniers de légumes",
    "jus de pomme",
    "pain bio",
    "surplus de production",
    "producteurs locaux",
    "noix",
    "haricots tarbais",
    "porc noir de Bigorre",
  ],
  projects: [
    "achats groupés",
    "groupement d'achats",
    "projet de filière en circuit court",
    "partenariat",
    "création d'une épicerie solidaire",
    "mutualisation d'un poste",
    "coopération inter-entreprises",
    "candidature commune",
    "réseau de chaleur",
    "plateforme logistique partagée",
  ],
  other: [
    "objets divers",
    "livres",
    "jeux pour enfants",
    "mobilier de bureau",
    "vêtements de travail",
    "plantes vertes",
    "décorations de Noël",
    "coup de main",
  ],
};

/** What may follow the object in a title. */
export const QUALIFIERS: readonly string[] = [
  "le week-end",
  "en semaine",
  "pour 3 mois",
  "ponctuellement",
  "en bon état",
  "très bon état",
  "urgent",
  "à petit prix",
  "pour un événement",
  "dès janvier",
  "bio",
  "neuf",
  "200 kg/semaine",
  "toute l'année",
  "pour l'été",
  "quelques jours",
  "avec chauffeur",
  "sans engagement",
  "en circuit court",
];

/** Sentences that fit any listing. "disponible" is meant to be a very common word. */
export const GENERIC_SENTENCES: readonly string[] = [
  "Disponible rapidement.",
  "Disponible dès maintenant, contactez-nous.",
  "Contactez-nous pour en discuter.",
  "Nous sommes une association du territoire.",
  "Entreprise locale, nous privilégions les échanges de proximité.",
  "Possibilité de livraison dans un rayon de 30 km.",
  "À récupérer sur place.",
  "Merci de nous contacter par message.",
  "Conditions à définir ensemble.",
  "Idéal pour une structure de l'économie sociale et solidaire.",
  "Horaires flexibles, disponible en semaine.",
  "Réponse rapide assurée.",
  "Nous pouvons aider au chargement.",
  "Échange possible contre un service.",
  "Premier arrivé, premier servi.",
  "Pour une association ou une petite entreprise.",
];

/** Sentences for each category. */
export const CATEGORY_SENTENCES: Record<CategoryId, readonly string[]> = {
  vehicles: [
    "Permis B suffisant.",
    "Contrôle technique à jour.",
    "Kilométrage raisonnable, entretien régulier.",
    "Assurance comprise pour les prêts courts.",
    "Idéal pour un déménagement ou des livraisons.",
    "Plein à refaire au retour.",
  ],
  premises: [
    "Accessible aux personnes à mobilité réduite.",
    "Wifi, vidéoprojecteur et paperboard.",
    "Capacité de 20 personnes.",
    "Accès poids lourds et quai de chargement.",
    "Libre les lundis et mercredis.",
    "Chauffage et électricité compris.",
  ],
  equipment: [
    "Notice et accessoires fournis.",
    "Révisé l'an dernier.",
    "Caution demandée.",
    "Formation rapide à l'utilisation si besoin.",
    "Quelques traces d'usure.",
  ],
  materials: [
    "Environ 40 pièces.",
    "Matériaux issus d'un chantier terminé.",
    "Stock à écouler avant la fin du mois.",
    "Parfait pour du réemploi.",
    "Quantités importantes, venir avec un utilitaire.",
  ],
  skills: [
    "Une demi-journée par mois.",
    "Nos salariés souhaitent s'engager localement.",
    "Accompagnement à distance possible.",
    "Pour une association ou une jeune entreprise.",
    "Expérience de dix ans dans le domaine.",
  ],
  services: [
    "Devis gratuit.",
    "Intervention sous 48 heures.",
    "Tarif solidaire pour les associations.",
    "Service mutualisé entre plusieurs entreprises.",
  ],
  staff: [
    "Deux jours par semaine.",
    "Pour la saison estivale.",
    "Mise à disposition encadrée par une convention.",
    "Profil polyvalent et motivé.",
  ],
  food: [
    "Production locale, agriculture biologique.",
    "Environ 200 kg par semaine en saison.",
    "Pour transformation en confitures ou compotes.",
    "Vente directe du producteur.",
    "Invendus à récupérer le samedi matin.",
    "Filière courte entre producteurs et transformateurs.",
  ],
  projects: [
    "Réunion de lancement le mois prochain.",
    "Ouvert à toutes les structures du territoire.",
    "Projet soutenu par la communauté de communes.",
    "Objectif : réduire nos coûts ensemble.",
  ],
  other: ["Tout doit partir.", "Idéal pour une école ou une crèche.", "Sur rendez-vous."],
};

/** A word that appears in about one listing in 10,000 (the "rare word" query). */
export const RARE_WORD = "sérigraphie";
/** Sentence carrying the rare word. */
export const RARE_SENTENCE = "Nous avons aussi un atelier de sérigraphie à partager.";

/** First names and structure names for the members of the corpus. */
export const FIRST_NAMES: readonly string[] = [
  "Amélie",
  "Benoît",
  "Céline",
  "Élodie",
  "François",
  "Gaëlle",
  "Hélène",
  "Jérôme",
  "Léa",
  "Loïc",
  "Maëlys",
  "Noémie",
  "Océane",
  "Rémi",
  "Sébastien",
  "Thaïs",
];

/** Kinds of structures members act for. */
export const STRUCTURES: readonly string[] = [
  "Association Les Jardins de Bigorre",
  "Confitures du Val d'Adour",
  "Centre hospitalier",
  "Menuiserie Dupré",
  "Conciergerie solidaire",
  "Club d'entreprises",
  "Communauté de communes",
  "Ressourcerie",
  "Épicerie coopérative",
  "Garage solidaire",
];

/** Names of the networks of the corpus. */
export const NETWORKS: readonly string[] = [
  "Réseau Pays de Tarbes",
  "Club d'entreprises Haute-Bigorre",
  "Réseau ESS Occitanie",
];
