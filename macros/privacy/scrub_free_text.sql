{#- A legally public free text (the object of a council decision, of a grant)
    with the personal data taken out (PRIVACY.md, free text):

    1. structured identifiers, whatever their key: e-mail -> [courriel],
       IBAN FR -> [IBAN], NIR -> [NIR], French phone -> [téléphone],
       SIV plate -> [immatriculation];
    2. names of private persons -> [personne]: a civility and the name after it
       ("M. Jean Dupont", "Madame DURAND", "M. et Mme Le Goff", "Me Hervé",
       "Dr J. Martin"), a family word and the name after it ("consorts Le Bihan",
       "époux Martin", "succession Durand"), and a capitalised first name
       followed by a surname in capitals ("Jean-Pierre LEFEBVRE");
    3. in a text where a private person was removed, what points at that
       person's property goes with the name, since the land registry gives the
       owner back: a cadastral parcel ("parcelle AB 357", "section ZC n° 45",
       "AB 12 et AB 13") -> [parcelle], an address with its house number
       ("67 avenue de la Libération") or a lieu-dit -> [adresse]. A street
       without a number stays (public works, "située rue de la Mabilais"),
       and so does everything in a text that names no private person;
    4. but what is public stays: "Monsieur le Maire", names in a street or a
       building name ("rue Jean Jaurès", "école Madame de Sévigné"), elected
       officials acting in office ("Mme Anne Le Goff, adjointe au maire",
       "Rapporteur : M. Paul Martin") and communes.

    How 4 works: the spans to keep are found first and their spaces replaced by
    chr(1), which the patterns of 2 never cross; chr(1) becomes a space again at
    the end. RE2 has no look-around, hence the captured boundaries (\1).
    Measured on tests_py/fixtures/scrubber (pytest test_scrubber.py). -#}
{% macro scrub_free_text(expression) -%}
    {{ return(adapter.dispatch('scrub_free_text', 'spmd')(expression)) }}
{%- endmacro %}

{% macro duckdb__scrub_free_text(expression) -%}
    {#- Patterns as SQL string contents (a quote is written ''). -#}
    {%- set civility = "(?:M\\.|MM\\.|Mr\\.?|Monsieur|Messieurs|Mme|Mmes|Madame|Mesdames|Mlle|Mademoiselle|Me|Maître|Maitre|Dr\\.?|Docteur|Pr\\.?|Professeur)" -%}
    {%- set family_word = "(?:[Cc]onsorts|[EÉeé]poux|[Ff]amille|[Hh]éritiers|[Ss]uccession|[Ii]ndivision|[Vv]euve|Vve)" -%}
    {%- set particle = "(?:(?:de|du|des|van|von|da|di|ben|el)[ \\t]+|d[''’])" -%}
    {#- an initial ("J.") is tried first: "M. J. Martin" must not stop at "M. J" -#}
    {%- set word = "(?:\\p{Lu}\\.|\\p{Lu}[\\p{L}''’]*(?:-\\p{Lu}[\\p{L}''’]*)*)" -%}
    {%- set name = particle ~ "?" ~ word ~ "(?:[ \\t]+" ~ particle ~ "?" ~ word ~ "){0,3}" -%}
    {%- set couple = "(?:[ \\t]+(?:et|ou)[ \\t]+" ~ civility ~ ")?" -%}
    {#- elected offices only: "adjoint administratif" is a civil-service grade -#}
    {%- set office = "(?:maire|adjoint au maire|adjointe au maire|premier adjoint|première adjointe|[0-9]+(?:e|ème) adjointe?|maire-adjoint|maire-adjointe|maire délégué|maire déléguée|conseiller municipal|conseillère municipale|conseiller délégué|conseillère déléguée|conseiller communautaire|conseillère communautaire|conseiller métropolitain|conseillère métropolitaine|député|députée|sénateur|sénatrice|préfet|préfète)" -%}
    {%- set place_word = "(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Aa]llée|[Ii]mpasse|[Cc]hemin|[Ss]quare|[Qq]uai|[Cc]ours|[Mm]ail|[Pp]arc|[Jj]ardin|[Ss]tade|[Gg]ymnase|[Ss]alle|[EÉeé]cole|[Gg]roupe scolaire|[Cc]ollège|[Ll]ycée|[Ee]space|[Cc]entre|[Mm]aison|[Rr]ésidence|[Mm]édiathèque|[Bb]ibliothèque|[Cc]omplexe|[Hh]alle|[Pp]ont|[Pp]romenade|[Ee]splanade|[Rr]ond-point|[Ll]otissement|[Hh]ôpital|EHPAD|[Cc]rèche|[Ff]ondation|[Pp]rix|[Cc]entre hospitalier)" -%}
    {#- each starts and ends at a word boundary: "Larue" is no street, "Lemaire" no mayor -#}
    {%- set keep_spans = [
        "(?:^|[^\\p{L}])" ~ place_word ~ "[ \\t]+(?:(?:de|du|des|la|le|les)[ \\t]+|l[''’]|d[''’])*(?:" ~ civility ~ "[ \\t]+)?" ~ name,
        "(?:^|[^\\p{L}])(?:" ~ civility ~ "[ \\t]+)?" ~ name ~ "(?:[ \\t]*,[ \\t]*|[ \\t]+)" ~ office ~ "(?:$|[^\\p{L}])",
        "(?:^|[^\\p{L}])[Rr]apporteure?[ \\t]*:[ \\t]*" ~ civility ~ "[ \\t]+" ~ name,
    ] -%}
    {%- set boundary = "(^|[^\\p{L}\\p{N}\\x01])" -%}
    {%- set preposition = "((?:^|[^\\p{L}\\x01])(?:à|au nom de|de|par|avec|pour|contre|entre|et|chez|sur)[ \\t]+)" -%}
    {%- set first_then_capitals = "\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?[ \\t]+\\p{Lu}{2,}(?:[- ]\\p{Lu}{2,})*($|[^\\p{L}])" -%}
    {%- set identifiers = [
        ("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "[courriel]"),
        ("(^|[^0-9A-Za-z])FR[0-9]{2}(?:[ ]?[0-9A-Z]){23}($|[^0-9A-Z])", "\\1[IBAN]\\2"),
        ("(^|[^0-9])[12][ .]?[0-9]{2}[ .]?(?:0[1-9]|1[0-2]|[2-9][0-9])[ .]?(?:[0-9]{2}|2A|2B)[ .]?[0-9]{3}[ .]?[0-9]{3}(?:[ .]?[0-9]{2})?($|[^0-9])", "\\1[NIR]\\2"),
        ("(^|[^0-9])(?:\\+33[ .]?(?:\\(0\\)[ .]?)?|0033[ .]?|0)[1-9](?:[ .-]?[0-9]{2}){4}($|[^0-9])", "\\1[téléphone]\\2"),
        ("(^|[^A-Z0-9])[A-HJ-NP-TV-Z]{2}[- ]?[0-9]{3}[- ]?[A-HJ-NP-TV-Z]{2}($|[^A-Z0-9])", "\\1[immatriculation]\\2"),
    ] -%}
    {%- set persons = [
        (boundary ~ civility ~ couple ~ "[ \\t]+" ~ name, "\\1[personne]"),
        (boundary ~ "(" ~ family_word ~ ")[ \\t]+(?:de[ \\t]+)?(?:" ~ civility ~ "[ \\t]+)?" ~ name, "\\1\\2 [personne]"),
        (preposition ~ first_then_capitals, "\\1[personne]\\2"),
    ] -%}
    {#- 3: a property's references, applied only where [personne] was written -#}
    {%- set street_word = "(?:rue|avenue|av\\.|boulevard|bd|allée|impasse|chemin|place|route|quai|square|cours|mail|passage|résidence|hameau|venelle|sentier|voie)" -%}
    {%- set article = "(?:(?:de|du|des|la|le|les)[ \\t]+|l[''’]|d[''’])" -%}
    {%- set proper_word = "\\p{Lu}[\\p{L}''’-]*" -%}
    {%- set property_refs = [
        ("((?:^|[^\\p{L}])(?:[Pp]arcelles?|[Cc]adastrée?s?|[Ss]ections?)(?:[ \\t]+(?:cadastrées?|communales?|section|sous|le|les|n°|nos?|numéros?))*[ \\t]+)[A-Z]{1,2}[ \\t]*(?:n°[ \\t]*)?[0-9]{1,5}(?:[ \\t]*(?:,|et|à)[ \\t]*(?:[A-Z]{1,2}[ \\t]*(?:n°[ \\t]*)?)?[0-9]{1,5})*", "\\1[parcelle]"),
        ("(^|[^\\p{L}\\p{N}])[0-9]{1,4}(?:[ \\t]*(?:bis|ter|[A-D])(?:[^\\p{L}]|$))?[ \\t]*,?[ \\t]*" ~ street_word ~ "[ \\t]+" ~ article ~ "*" ~ proper_word ~ "(?:[ \\t]+" ~ article ~ "*" ~ proper_word ~ "){0,4}", "\\1[adresse]"),
        ("((?:^|[^\\p{L}])[Ll]ieu-dit[ \\t]+)" ~ article ~ "*[\\p{L}''’-]+(?:[ \\t]+" ~ article ~ "*" ~ proper_word ~ "){0,3}", "\\1[adresse]"),
    ] -%}
    {%- set ns = namespace(text=expression, property='') -%}
    {%- for pattern, replacement in identifiers -%}
        {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '" ~ pattern ~ "', '" ~ replacement ~ "', 'g')" -%}
    {%- endfor -%}
    {%- set keep = "(?:" ~ keep_spans | join(")|(?:") ~ ")" -%}
    {%- set ns.text = "list_reduce(regexp_extract_all(" ~ ns.text ~ ", '" ~ keep ~ "'), (kept, span) -> replace(kept, span, replace(span, ' ', chr(1))), " ~ ns.text ~ ")" -%}
    {%- for pattern, replacement in persons -%}
        {%- set ns.text = "regexp_replace(" ~ ns.text ~ ", '" ~ pattern ~ "', '" ~ replacement ~ "', 'g')" -%}
    {%- endfor -%}
    {%- set ns.text = "replace(" ~ ns.text ~ ", chr(1), ' ')" -%}
    {%- set ns.property = "scrubbed" -%}
    {%- for pattern, replacement in property_refs -%}
        {%- set ns.property = "regexp_replace(" ~ ns.property ~ ", '" ~ pattern ~ "', '" ~ replacement ~ "', 'g')" -%}
    {%- endfor -%}
    {#- the text is bound once (a one-element list), then tested for a placeholder -#}
    list_transform([{{ ns.text }}], scrubbed -> case
        when strpos(scrubbed, '[personne]') > 0 then {{ ns.property }}
        else scrubbed
    end)[1]
{%- endmacro %}
