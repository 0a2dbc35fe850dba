#!/usr/bin/env python3
"""Writes deterministic, realistic OpenAI-format chat logs for bench/extract.sh.

Usage: gen_openai.py MEGABYTES SEED OUTFILE

One conversation per line: conversation_id, user_id, variant (two arms),
created_at, metadata, messages (1 to 6 user turns, each with a timestamp;
some with a system prompt, some answers regenerated, some with inline
feedback) and, for some, a top-level "events" array (copy, share, edit,
regenerate). Texts are English, Spanish, French or German: prompts of 5 to
60 words, answers of 30 to 300 words; some follow-up prompts open with a
correction, gratitude, acceptance or frustration phrase, or restate the
previous prompt. Conversations start later and later through the file.

Texts come from a pool built first and then sampled, which keeps the
generator at a few seconds for 200 MB. The same arguments give the same
bytes (random.Random with a fixed seed; no set or hash order is used).
"""

import json
import random
import sys
import time

WORDS = {
    "en": (
        "the a an of to in for on with and or but if when how why what which "
        "this that these those it is are was be can could should would will may "
        "data file server client request response error value table query index "
        "function variable loop array string number list map key record field "
        "customer order invoice payment account report budget quarter meeting team "
        "project deadline schedule travel flight hotel recipe oven dinner garden "
        "weather summer winter city train ticket museum history language grammar "
        "essay paragraph letter email message contract policy price discount "
        "install configure update delete create read write send open close build "
        "test check compare explain describe summarize translate convert improve "
        "quickly carefully usually often simple better faster cheaper important "
        "possible different similar useful common new old large small first last "
        "python javascript database network memory cache thread process log "
        "you your we our they their my I me he she his her"
    ).split(),
    "es": (
        "el la los las un una de del en para con por y o pero si cuando como "
        "porque que cual este esta estos eso es son era ser puede podría debería "
        "datos archivo servidor cliente solicitud respuesta error valor tabla "
        "consulta índice función variable bucle lista cadena número mapa clave "
        "pedido factura pago cuenta informe presupuesto reunión equipo proyecto "
        "plazo horario viaje vuelo hotel receta horno cena jardín tiempo verano "
        "invierno ciudad tren billete museo historia idioma gramática ensayo "
        "párrafo carta correo mensaje contrato política precio descuento instalar "
        "configurar actualizar borrar crear leer escribir enviar abrir cerrar "
        "probar comparar explicar describir resumir traducir mejorar rápidamente "
        "normalmente también más menos mejor fácil difícil importante posible "
        "diferente útil común nuevo viejo grande pequeño primero último año "
        "mañana semana niños familia médico salud trabajo empresa ventas"
    ).split(),
    "fr": (
        "le la les un une des de du en pour avec par et ou mais si quand comment "
        "pourquoi que quel ce cette ces est sont était être peut pourrait devrait "
        "données fichier serveur client requête réponse erreur valeur tableau "
        "requête index fonction variable boucle liste chaîne nombre clé commande "
        "facture paiement compte rapport budget réunion équipe projet délai "
        "horaire voyage vol hôtel recette four dîner jardin météo été hiver "
        "ville train billet musée histoire langue grammaire dissertation "
        "paragraphe lettre courriel message contrat politique prix remise "
        "installer configurer mettre jour supprimer créer lire écrire envoyer "
        "ouvrir fermer tester comparer expliquer décrire résumer traduire "
        "améliorer rapidement souvent aussi plus moins meilleur facile difficile "
        "important possible différent utile nouveau ancien grand petit premier "
        "dernier année matin semaine enfants famille médecin santé travail "
        "entreprise ventes"
    ).split(),
    "de": (
        "der die das ein eine des dem den in für mit von und oder aber wenn wie "
        "warum was welche dieser diese dieses ist sind war sein kann könnte "
        "sollte würde Daten Datei Server Kunde Anfrage Antwort Fehler Wert "
        "Tabelle Abfrage Index Funktion Variable Schleife Liste Zeichenkette "
        "Zahl Schlüssel Bestellung Rechnung Zahlung Konto Bericht Budget "
        "Besprechung Team Projekt Frist Zeitplan Reise Flug Hotel Rezept Ofen "
        "Abendessen Garten Wetter Sommer Winter Stadt Zug Fahrkarte Museum "
        "Geschichte Sprache Grammatik Aufsatz Absatz Brief Nachricht Vertrag "
        "Preis Rabatt installieren konfigurieren aktualisieren löschen erstellen "
        "lesen schreiben senden öffnen schließen testen vergleichen erklären "
        "beschreiben zusammenfassen übersetzen verbessern schnell oft auch mehr "
        "weniger besser einfach schwierig wichtig möglich verschieden nützlich "
        "neu alt groß klein erste letzte Jahr Morgen Woche Kinder Familie Arzt "
        "Gesundheit Arbeit Firma Verkauf Straße Größe Übersicht"
    ).split(),
}

OPENERS = {
    "en": ["How do I", "Can you explain", "What is the best way to", "Why does",
           "Could you help me", "Write a short", "Is it possible to", "Please summarize",
           "What's the difference between", "Give me an example of"],
    "es": ["¿Cómo puedo", "¿Puedes explicar", "¿Cuál es la mejor manera de", "¿Por qué",
           "Ayúdame a", "Escribe un", "¿Es posible", "Resume", "¿Qué diferencia hay entre",
           "Dame un ejemplo de"],
    "fr": ["Comment puis-je", "Peux-tu expliquer", "Quelle est la meilleure façon de",
           "Pourquoi", "Aide-moi à", "Écris un court", "Est-il possible de", "Résume",
           "Quelle est la différence entre", "Donne-moi un exemple de"],
    "de": ["Wie kann ich", "Kannst du erklären", "Was ist der beste Weg,", "Warum",
           "Hilf mir,", "Schreib einen kurzen", "Ist es möglich,", "Fasse zusammen:",
           "Was ist der Unterschied zwischen", "Gib mir ein Beispiel für"],
}

# Openings of a follow-up prompt that say what the user made of the answer.
REACTIONS = {
    "correction": {
        "en": ["That's wrong.", "No, I meant something else.", "This is not what I asked.",
               "It still doesn't work.", "You misunderstood the question."],
        "es": ["Eso es incorrecto.", "No es lo que pedí.", "Todavía no funciona.",
               "No me entendiste."],
        "fr": ["C'est faux.", "Ce n'est pas ce que je voulais.", "Ça ne marche toujours pas.",
               "Tu n'as pas compris."],
        "de": ["Das ist falsch.", "Das funktioniert immer noch nicht.",
               "Nicht das, was ich gefragt habe.", "Du hast mich falsch verstanden."],
    },
    "gratitude": {
        "en": ["Thanks!", "Thank you, that helps.", "Much appreciated.", "Thanks a lot."],
        "es": ["¡Gracias!", "Muchas gracias, me ayuda.", "Te lo agradezco."],
        "fr": ["Merci !", "Merci beaucoup, ça aide.", "Je te remercie."],
        "de": ["Danke!", "Vielen Dank, das hilft.", "Dankeschön."],
    },
    "acceptance": {
        "en": ["Perfect, that works.", "Great, exactly what I needed.", "That did it."],
        "es": ["Perfecto, ya funciona.", "Genial, es justo lo que necesitaba."],
        "fr": ["Parfait, ça marche.", "Super, c'est exactement ça."],
        "de": ["Perfekt, das funktioniert.", "Super, genau das wollte ich."],
    },
    "frustration": {
        "en": ["This is useless.", "Ugh, you are not helping.", "What a waste of time."],
        "es": ["Esto es inútil.", "No me estás ayudando."],
        "fr": ["C'est nul.", "N'importe quoi."],
        "de": ["Das ist nutzlos.", "So ein Mist."],
    },
}

# Answers that refuse or apologise, put before the generated text.
ANSWER_OPENERS = {
    "en": ["I'm sorry, but I can't help with that.", "I apologize for the confusion.",
           "As an AI language model, I don't have personal opinions."],
    "es": ["Lo siento, pero no puedo ayudarte con eso.", "Pido disculpas por la confusión."],
    "fr": ["Je ne peux pas répondre à cela.", "Désolé pour la confusion."],
    "de": ["Ich kann dabei leider nicht helfen.", "Entschuldigung für die Verwirrung."],
}

LANGS = ["en", "en", "en", "es", "fr", "de"]  # English is half the traffic
LOCALES = {"en": "en-US", "es": "es-ES", "fr": "fr-FR", "de": "de-DE"}
SYSTEM = "You are a helpful assistant. Answer concisely and in the user's language."


def sentence(rng, words, n):
    s = " ".join(rng.choices(words, k=n))
    return s[0].upper() + s[1:]


def prompt_text(rng, lang):
    n = rng.randint(5, 60)
    opener = rng.choice(OPENERS[lang])
    k = len(opener.split())
    words = WORDS[lang]
    first = min(n - k, rng.randint(3, 14)) if n > k else 1
    text = opener + " " + " ".join(rng.choices(words, k=max(first, 1))) + "?"
    left = n - k - first
    while left > 0:
        m = min(left, rng.randint(4, 16))
        text += " " + sentence(rng, words, m) + rng.choice([".", ".", ".", "?", "!"])
        left -= m
    return text


def answer_text(rng, lang):
    n = int(rng.triangular(30, 300, 90))
    words = WORDS[lang]
    parts = []
    left = n
    style = rng.random()
    while left > 0:
        m = min(left, rng.randint(6, 22))
        if style < 0.25 and parts and rng.random() < 0.4:
            parts.append("\n- " + sentence(rng, words, m) + ".")
        elif rng.random() < 0.15:
            parts.append("\n\n" + sentence(rng, words, m) + ".")
        else:
            parts.append(" " + sentence(rng, words, m) + ".")
        left -= m
    text = "".join(parts).lstrip()
    if style > 0.9:
        text += "\n\n```python\nfor item in items:\n    print(item[\"value\"])\n```"
    return text


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def build_pools(rng, size):
    prompts = {lang: [prompt_text(rng, lang) for _ in range(size)] for lang in WORDS}
    answers = {lang: [answer_text(rng, lang) for _ in range(size)] for lang in WORDS}
    return prompts, answers


def conversation(rng, idx, t0, prompts, answers):
    lang = rng.choice(LANGS)
    turns = rng.choices([1, 2, 3, 4, 5, 6], weights=[30, 25, 18, 12, 9, 6])[0]
    msgs = []
    events = []
    t = t0
    if rng.random() < 0.3:
        msgs.append({"role": "system", "content": SYSTEM, "timestamp": iso(t)})
    prev_prompt = None
    for turn in range(turns):
        text = rng.choice(prompts[lang])
        if prev_prompt is not None:
            r = rng.random()
            if r < 0.05:
                # Restates the previous prompt with a word or two changed.
                w = prev_prompt.split()
                w[rng.randrange(len(w))] = rng.choice(WORDS[lang])
                text = " ".join(w)
            elif r < 0.15:
                text = rng.choice(REACTIONS["correction"][lang]) + " " + text
            elif r < 0.27:
                text = rng.choice(REACTIONS["gratitude"][lang]) + " " + text
            elif r < 0.31:
                text = rng.choice(REACTIONS["acceptance"][lang]) + " " + text
            elif r < 0.34:
                text = rng.choice(REACTIONS["frustration"][lang]) + " " + text
        prev_prompt = text
        msgs.append({"role": "user", "content": text, "timestamp": iso(t)})
        for attempt in range(2 if rng.random() < 0.03 else 1):
            t += rng.randint(1, 25)
            body = rng.choice(answers[lang])
            if rng.random() < 0.04:
                body = rng.choice(ANSWER_OPENERS[lang]) + " " + body
            m = {"role": "assistant", "content": body, "timestamp": iso(t)}
            r = rng.random()
            if r < 0.04:
                m["feedback"] = {"thumbs": "up" if rng.random() < 0.7 else "down"}
            elif r < 0.05:
                m["feedback"] = {"rating": rng.randint(1, 5), "comment": "ok"}
            msgs.append(m)
            r = rng.random()
            if r < 0.06:
                events.append({"type": "copy", "message_index": len(msgs) - 1,
                               "timestamp": iso(t + rng.randint(2, 60))})
            elif r < 0.07:
                events.append({"type": "share", "message_index": len(msgs) - 1,
                               "timestamp": iso(t + rng.randint(2, 60))})
            elif r < 0.075:
                events.append({"type": "edit", "message_index": len(msgs) - 2,
                               "timestamp": iso(t + rng.randint(2, 60))})
        t += rng.randint(8, 240)
    rec = {
        "conversation_id": "c%08d" % idx,
        "user_id": "u%05d" % rng.randrange(40000),
        "variant": "control" if rng.random() < 0.5 else "candidate",
        "created_at": iso(t0),
        "metadata": {"client": rng.choice(["web", "ios", "android"]), "locale": LOCALES[lang]},
        "messages": msgs,
    }
    if events:
        rec["events"] = events
    return rec


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: gen_openai.py MEGABYTES SEED OUTFILE\n")
        return 2
    target = int(float(sys.argv[1]) * 1000000)
    rng = random.Random(int(sys.argv[2]))
    prompts, answers = build_pools(rng, 3000)
    t = 1714521600  # 2024-05-01T00:00:00Z
    written = idx = 0
    with open(sys.argv[3], "wb") as out:
        while written < target:
            lines = []
            for _ in range(100):
                t += rng.randint(0, 3)
                rec = conversation(rng, idx, t, prompts, answers)
                idx += 1
                lines.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
            chunk = ("\n".join(lines) + "\n").encode("utf-8")
            out.write(chunk)
            written += len(chunk)
    sys.stderr.write("gen_openai: %d conversations, %d bytes\n" % (idx, written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
