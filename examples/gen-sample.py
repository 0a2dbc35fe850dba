#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# gen-sample.py - deterministic generator of examples/sample.jsonl, a synthetic
# log of helpdesk-assistant conversations in OpenAI chat format for trying out
# the fbloop filters (fb-extract, fb-cluster, fb-eval, fb-abtest).
#
#     python3 examples/gen-sample.py > examples/sample.jsonl
#     python3 examples/gen-sample.py --labels > examples/sample-labels.tsv
#
# Python 3.7 or later, standard library only. The output is byte-identical
# across runs, platforms and Python versions: the only source of randomness is
# random.Random(seed).random() (whose sequence is stable for an integer seed),
# every choice goes through the small helpers in class Rng, nothing iterates
# over a set or depends on hash order, times are integer seconds formatted
# with time.gmtime, and lines are written as UTF-8 bytes.
#
# Everything here is invented: ShopNow, its policies, users and orders.

import calendar
import json
import random
import re
import sys
import time

SEED = 20261001
N_CONVERSATIONS = 400
N_LATE_EVENTS = 40
START = calendar.timegm((2026, 10, 1, 0, 0, 0))
DAYS = 14
N_USERS = 160

LANG_WEIGHTS = [("en", 65), ("es", 8), ("fr", 7), ("de", 8), ("it", 6), ("pt", 6)]

INTENT_WEIGHTS = [
    ("reset_password", 11),
    ("refund", 11),
    ("cancel_subscription", 10),
    ("track_order", 13),
    ("change_address", 8),
    ("billing", 10),
    ("translate", 10),
    ("code", 10),
    ("summarise", 8),
    ("recipe", 9),
]

# The treatment arm is somewhat better, not dramatically.
OUTCOME_WEIGHTS = {
    "control": [("good", 50), ("mixed", 20), ("bad", 30)],
    "concise-prompt": [("good", 58), ("mixed", 18), ("bad", 24)],
}

CHANNEL_WEIGHTS = [("web", 55), ("ios", 25), ("android", 20)]

# Relative number of conversations started in each UTC hour.
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 9, 10, 10, 9, 8, 8, 8, 7, 5, 3, 2]

P_NO_SYSTEM = 0.03      # conversations logged without their system message
P_PARTS = 0.05          # user content as an array of parts
P_INLINE_FEEDBACK = 0.075  # per good, ok or bad assistant message
LONG_CONVERSATIONS = (23, 97, 158, 214, 290, 351)  # 0-based positions

SYSTEM_PROMPTS = {
    "control": (
        "You are Sam, the virtual assistant of ShopNow, an online store. Help "
        "customers with orders, deliveries, returns, refunds, subscriptions, "
        "billing and account access, and with general requests such as "
        "translations, short code snippets, summaries and recipes. Be friendly "
        "and thorough, explain your answers, and reply in the customer's language."
    ),
    "concise-prompt": (
        "You are Sam, ShopNow's virtual assistant (orders, deliveries, returns, "
        "refunds, subscriptions, billing, account access; also translations, "
        "code snippets, summaries, recipes). Reply in the customer's language. "
        "Be concise: answer first, then only the steps that are needed. No "
        "greetings, no filler, no closing questions."
    ),
}

CARRIERS = ["DHL", "UPS", "DPD", "GLS"]


class Rng:
    """All randomness, built on random.Random.random() only."""

    def __init__(self, seed):
        self._r = random.Random(seed)

    def random(self):
        return self._r.random()

    def below(self, n):
        """An integer in [0, n)."""
        return int(self._r.random() * n)

    def between(self, lo, hi):
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return self._r.random() < p

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        """pairs: [(value, weight), ...] with integer weights."""
        total = sum(w for _, w in pairs)
        x = self.below(total)
        for value, w in pairs:
            if x < w:
                return value
            x -= w
        raise AssertionError("unreachable")


# ---------------------------------------------------------------------------
# Data: phrases shared by all intents, per language.
# ---------------------------------------------------------------------------

PHRASES = {
    "en": {
        "preamble": ["Sure!", "Happy to help!", "Of course!", "Absolutely."],
        "closing": [
            "Let me know if there's anything else I can help with!",
            "Is there anything else I can do for you?",
            "Hope this helps!",
        ],
        "thanks": [
            "thanks, that works",
            "Perfect, thank you!",
            "Great, that's exactly what I needed.",
            "Thanks a lot!",
            "ok thanks",
            "That worked, thank you so much.",
            "Awesome, thanks!",
            "perfect",
        ],
        "thanks_prefix": ["Thanks! ", "Great, thanks. ", "Perfect. ", "Ok. "],
        "welcome": [
            "You're welcome! Have a great day.",
            "Glad I could help!",
            "Anytime! Have a nice day.",
        ],
        "correction": [
            "That's wrong.",
            "No, that's not what I asked.",
            "That's not right.",
            "not what I asked",
            "No, wrong answer. Try again.",
            "That's incorrect, I asked something else.",
        ],
        "frustration": [
            "useless!!!",
            "This is useless.",
            "Are you even reading what I write???",
            "seriously??",
            "Wow, this bot is completely useless.",
        ],
        "shout": ["THIS IS NOT HELPING", "I ALREADY TOLD YOU", "WHY IS THIS SO HARD"],
        "escalation": [
            "let me talk to a human",
            "Can I speak to a real person please?",
            "I want to talk to an agent.",
            "Get me a human.",
            "Is there a real person I can talk to?",
        ],
        "handoff": [
            "I understand. I'm transferring you to a member of our support team now. "
            "The current wait time is about {n} minutes.",
            "Of course. I've created a ticket and a human agent will join this chat "
            "shortly (in about {n} minutes).",
        ],
        "refusal": ["I'm sorry, I can't help with that.", "Unfortunately I can't help with that request."],
        "refusal_account": [
            "I'm sorry, but I don't have access to that information.",
            "As an AI assistant, I'm not able to access customer accounts or orders.",
        ],
        "refusal_scope": [
            "Sorry, I can only help with questions about ShopNow orders, deliveries and your account.",
        ],
        "apology": [
            "I apologize for the confusion.",
            "Sorry for the confusion!",
            "My apologies, I misunderstood.",
        ],
        "empathy": ["I'm sorry to hear you're frustrated.", "I understand this is frustrating."],
        "vague": [
            "Could you give me a bit more detail about what you need?",
            "I'm not sure I understand. Could you rephrase your question?",
        ],
        "deflect": [
            "You can find answers to most questions in our Help Center at help.shopnow.example.",
            "Please check the relevant section of your account settings.",
            "Thanks for reaching out! Our team is always happy to help with any "
            "questions about ShopNow.",
        ],
        "rephrase_prefix": [
            "I asked: ", "Again: ", "Let me rephrase. ", "I'll ask again. ",
            "My question was: ", "No. ",
        ],
        "rephrase_suffix": ["Please.", "Simple question.", "That's all I want to know.", "Please answer the question."],
        "ask_order": [
            "Sure, I can check that for you. What's your order number? It starts "
            "with SN- and is in your confirmation email.",
            "Happy to look into it. Could you share your order number?",
        ],
        "give_order": ["It's {order}", "{order}", "order number is {order}", "Sure: {order}"],
        "down_comment": [
            "Didn't answer my question.",
            "Wrong information.",
            "Not helpful at all.",
            "It kept giving me the same generic answer.",
            "I asked about something else.",
        ],
    },
    "es": {
        "preamble": ["¡Claro!", "¡Con gusto!", "Por supuesto."],
        "closing": ["¿Hay algo más en lo que pueda ayudarte?", "¡Espero que te sirva!"],
        "thanks": [
            "¡Gracias, funciona!",
            "Perfecto, muchas gracias.",
            "Genial, justo lo que necesitaba.",
            "gracias!",
            "Vale, gracias.",
        ],
        "thanks_prefix": ["¡Gracias! ", "Genial. ", "Vale. "],
        "welcome": ["¡De nada! Que tengas un buen día.", "¡Me alegra haber ayudado!"],
        "correction": [
            "No es lo que pedí.",
            "Eso está mal.",
            "No, eso no es correcto.",
            "Eso no tiene nada que ver con lo que pregunté.",
        ],
        "frustration": ["¡¡¡Inútil!!!", "No sirves para nada.", "¿¿En serio??", "¿Pero lees lo que escribo?"],
        "shout": ["¡ESTO NO ME AYUDA!", "¡YA TE LO DIJE!"],
        "escalation": [
            "Quiero hablar con una persona.",
            "Pásame con un agente humano, por favor.",
            "¿Puedo hablar con alguien de verdad?",
        ],
        "handoff": [
            "Entiendo. Te paso con un agente de nuestro equipo de soporte. El tiempo "
            "de espera actual es de unos {n} minutos.",
        ],
        "refusal": ["Lo siento, no puedo ayudarte con eso.", "Lamentablemente no puedo ayudarte con esa solicitud."],
        "refusal_account": [
            "Lo siento, pero no tengo acceso a esa información.",
            "Como asistente de IA, no puedo acceder a cuentas ni pedidos.",
        ],
        "refusal_scope": [
            "Lo siento, solo puedo ayudarte con pedidos, envíos y tu cuenta de ShopNow.",
        ],
        "apology": ["Disculpa la confusión.", "Perdona, te entendí mal."],
        "empathy": ["Siento mucho las molestias.", "Entiendo que es frustrante."],
        "vague": [
            "¿Podrías darme más detalles sobre lo que necesitas?",
            "No estoy seguro de entenderte. ¿Puedes reformular la pregunta?",
        ],
        "deflect": [
            "Puedes encontrar respuesta a la mayoría de preguntas en nuestro Centro de "
            "ayuda: help.shopnow.example.",
            "Revisa la sección correspondiente en los ajustes de tu cuenta.",
        ],
        "rephrase_prefix": ["Te repito: ", "Otra vez: ", "Lo que pregunté es: ", "A ver, de nuevo. "],
        "rephrase_suffix": ["Por favor.", "Es una pregunta sencilla.", "Es lo único que quiero saber."],
        "ask_order": [
            "Claro, lo reviso. ¿Cuál es tu número de pedido? Empieza por SN- y está "
            "en el correo de confirmación.",
        ],
        "give_order": ["Es el {order}", "{order}", "El número es {order}"],
        "down_comment": ["No respondió a mi pregunta.", "Información incorrecta.", "No me ayudó nada."],
    },
    "fr": {
        "preamble": ["Bien sûr !", "Avec plaisir !", "Pas de problème."],
        "closing": ["Puis-je vous aider pour autre chose ?", "J'espère que cela vous aide !"],
        "thanks": [
            "Merci, ça marche !",
            "Parfait, merci beaucoup.",
            "Super, c'est exactement ce qu'il me fallait.",
            "merci !",
            "D'accord, merci.",
        ],
        "thanks_prefix": ["Merci ! ", "Super. ", "D'accord. "],
        "welcome": ["Je vous en prie, bonne journée !", "Ravi d'avoir pu vous aider !"],
        "correction": [
            "C'est faux.",
            "Ce n'est pas ce que j'ai demandé.",
            "Non, ce n'est pas ça.",
            "Ça n'a rien à voir avec ma question.",
        ],
        "frustration": ["Nul !!!", "Tu ne sers à rien.", "Sérieusement ??", "Vous lisez ce que j'écris ?"],
        "shout": ["ÇA NE M'AIDE PAS DU TOUT", "JE VOUS L'AI DÉJÀ DIT"],
        "escalation": [
            "Je veux parler à un humain.",
            "Passez-moi un conseiller, s'il vous plaît.",
            "Est-ce que je peux parler à une vraie personne ?",
        ],
        "handoff": [
            "Je comprends. Je vous transfère à un membre de notre équipe. Le temps "
            "d'attente actuel est d'environ {n} minutes.",
        ],
        "refusal": [
            "Je suis désolé, je ne peux pas vous aider avec cela.",
            "Malheureusement, je ne peux pas traiter cette demande.",
        ],
        "refusal_account": [
            "Désolé, mais je n'ai pas accès à ces informations.",
            "En tant qu'assistant IA, je ne peux pas accéder aux comptes clients.",
        ],
        "refusal_scope": [
            "Désolé, je peux seulement vous aider pour vos commandes, livraisons et votre compte ShopNow.",
        ],
        "apology": ["Désolé pour la confusion.", "Toutes mes excuses, j'avais mal compris."],
        "empathy": ["Je suis désolé pour la gêne occasionnée.", "Je comprends que ce soit frustrant."],
        "vague": [
            "Pourriez-vous me donner plus de détails sur votre demande ?",
            "Je ne suis pas sûr de comprendre. Pouvez-vous reformuler ?",
        ],
        "deflect": [
            "Vous trouverez la réponse à la plupart des questions dans notre centre "
            "d'aide : help.shopnow.example.",
            "Consultez la rubrique correspondante dans les paramètres de votre compte.",
        ],
        "rephrase_prefix": ["Je répète : ", "Encore une fois : ", "Ma question était : ", "Je reformule. "],
        "rephrase_suffix": ["S'il vous plaît.", "C'est une question simple.", "C'est tout ce que je veux savoir."],
        "ask_order": [
            "Bien sûr, je vérifie. Quel est votre numéro de commande ? Il commence "
            "par SN- et figure dans l'e-mail de confirmation.",
        ],
        "give_order": ["C'est {order}", "{order}", "Numéro de commande : {order}"],
        "down_comment": ["N'a pas répondu à ma question.", "Informations incorrectes.", "Pas utile du tout."],
    },
    "de": {
        "preamble": ["Gern!", "Klar, gern geholfen!", "Natürlich."],
        "closing": ["Kann ich sonst noch etwas für dich tun?", "Ich hoffe, das hilft!"],
        "thanks": [
            "Danke, das funktioniert!",
            "Perfekt, vielen Dank.",
            "Super, genau das habe ich gebraucht.",
            "danke!",
            "Ok, danke dir.",
        ],
        "thanks_prefix": ["Danke! ", "Super. ", "Okay. "],
        "welcome": ["Gern geschehen! Schönen Tag noch.", "Freut mich, dass ich helfen konnte!"],
        "correction": [
            "Das ist falsch.",
            "Das habe ich nicht gefragt.",
            "Nein, das stimmt nicht.",
            "Das hat nichts mit meiner Frage zu tun.",
        ],
        "frustration": ["Nutzlos!!!", "Völlig nutzlos.", "Im Ernst??", "Liest du überhaupt, was ich schreibe?"],
        "shout": ["DAS HILFT MIR NICHT", "ICH HABE ES DOCH SCHON GESAGT"],
        "escalation": [
            "Ich möchte mit einem Menschen sprechen.",
            "Bitte verbinde mich mit einem Mitarbeiter.",
            "Kann ich mit einer echten Person reden?",
        ],
        "handoff": [
            "Verstehe. Ich verbinde dich jetzt mit unserem Support-Team. Die aktuelle "
            "Wartezeit beträgt etwa {n} Minuten.",
        ],
        "refusal": [
            "Es tut mir leid, dabei kann ich dir nicht helfen.",
            "Leider kann ich diese Anfrage nicht bearbeiten.",
        ],
        "refusal_account": [
            "Leider habe ich keinen Zugriff auf diese Informationen.",
            "Als KI-Assistent kann ich nicht auf Kundenkonten zugreifen.",
        ],
        "refusal_scope": [
            "Tut mir leid, ich kann nur bei Fragen zu ShopNow-Bestellungen, Lieferungen und deinem Konto helfen.",
        ],
        "apology": ["Entschuldige das Missverständnis.", "Sorry, da habe ich dich falsch verstanden."],
        "empathy": ["Das tut mir leid.", "Ich verstehe, dass das frustrierend ist."],
        "vague": [
            "Kannst du mir etwas mehr Details geben?",
            "Ich bin nicht sicher, ob ich dich verstehe. Kannst du die Frage anders formulieren?",
        ],
        "deflect": [
            "Antworten auf die meisten Fragen findest du in unserem Hilfe-Center: "
            "help.shopnow.example.",
            "Schau bitte im entsprechenden Bereich deiner Kontoeinstellungen nach.",
        ],
        "rephrase_prefix": ["Nochmal: ", "Ich wiederhole: ", "Meine Frage war: ", "Anders gefragt. "],
        "rephrase_suffix": ["Bitte.", "Einfache Frage.", "Mehr will ich gar nicht wissen."],
        "ask_order": [
            "Klar, ich schaue nach. Wie lautet deine Bestellnummer? Sie beginnt mit "
            "SN- und steht in der Bestätigungsmail.",
        ],
        "give_order": ["{order}", "Die Nummer ist {order}", "Bestellnummer: {order}"],
        "down_comment": ["Hat meine Frage nicht beantwortet.", "Falsche Informationen.", "Überhaupt nicht hilfreich."],
    },
    "it": {
        "preamble": ["Certo!", "Volentieri!", "Ma certo."],
        "closing": ["Posso aiutarti in qualcos'altro?", "Spero di esserti stato utile!"],
        "thanks": [
            "Grazie, funziona!",
            "Perfetto, grazie mille.",
            "Ottimo, era proprio quello che mi serviva.",
            "grazie!",
            "Ok, grazie.",
        ],
        "thanks_prefix": ["Grazie! ", "Ottimo. ", "Ok. "],
        "welcome": ["Prego! Buona giornata.", "Felice di esserti stato utile!"],
        "correction": [
            "È sbagliato.",
            "Non è quello che ho chiesto.",
            "No, non è corretto.",
            "Non c'entra niente con la mia domanda.",
        ],
        "frustration": ["Inutile!!!", "Non servi a niente.", "Sul serio??", "Ma leggi quello che scrivo?"],
        "shout": ["NON MI STAI AIUTANDO", "TE L'HO GIÀ DETTO"],
        "escalation": [
            "Voglio parlare con un operatore.",
            "Fammi parlare con una persona vera.",
            "Posso parlare con un essere umano?",
        ],
        "handoff": [
            "Capisco. Ti metto in contatto con un operatore del nostro team. L'attesa "
            "attuale è di circa {n} minuti.",
        ],
        "refusal": ["Mi dispiace, non posso aiutarti con questo.", "Purtroppo non posso gestire questa richiesta."],
        "refusal_account": [
            "Mi dispiace, ma non ho accesso a queste informazioni.",
            "Come assistente IA non posso accedere agli account dei clienti.",
        ],
        "refusal_scope": [
            "Mi dispiace, posso aiutarti solo con ordini, spedizioni e il tuo account ShopNow.",
        ],
        "apology": ["Scusa per la confusione.", "Mi scuso, avevo capito male."],
        "empathy": ["Mi dispiace molto per il disagio.", "Capisco che sia frustrante."],
        "vague": [
            "Potresti darmi qualche dettaglio in più?",
            "Non sono sicuro di aver capito. Puoi riformulare la domanda?",
        ],
        "deflect": [
            "Trovi le risposte alla maggior parte delle domande nel nostro Centro "
            "assistenza: help.shopnow.example.",
            "Controlla la sezione corrispondente nelle impostazioni del tuo account.",
        ],
        "rephrase_prefix": ["Ripeto: ", "Di nuovo: ", "La mia domanda era: ", "Riformulo. "],
        "rephrase_suffix": ["Per favore.", "È una domanda semplice.", "Voglio sapere solo questo."],
        "ask_order": [
            "Certo, controllo subito. Qual è il numero d'ordine? Inizia con SN- e lo "
            "trovi nell'email di conferma.",
        ],
        "give_order": ["È {order}", "{order}", "Il numero è {order}"],
        "down_comment": ["Non ha risposto alla mia domanda.", "Informazioni sbagliate.", "Per niente utile."],
    },
    "pt": {
        "preamble": ["Claro!", "Com prazer!", "Com certeza."],
        "closing": ["Posso ajudar em mais alguma coisa?", "Espero ter ajudado!"],
        "thanks": [
            "Obrigado, funcionou!",
            "Perfeito, muito obrigada.",
            "Ótimo, era exatamente isso.",
            "valeu!",
            "Ok, obrigado.",
        ],
        "thanks_prefix": ["Valeu! ", "Ótimo. ", "Certo. "],
        "welcome": ["De nada! Tenha um ótimo dia.", "Fico feliz em ajudar!"],
        "correction": [
            "Está errado.",
            "Não foi isso que eu pedi.",
            "Não, isso não está certo.",
            "Isso não tem nada a ver com a minha pergunta.",
        ],
        "frustration": ["Inútil!!!", "Você não serve pra nada.", "Sério??", "Você está lendo o que eu escrevo?"],
        "shout": ["ISSO NÃO ESTÁ AJUDANDO", "EU JÁ FALEI ISSO"],
        "escalation": [
            "Quero falar com um atendente humano.",
            "Me passa para uma pessoa de verdade, por favor.",
            "Posso falar com um agente?",
        ],
        "handoff": [
            "Entendo. Vou transferir você para um atendente da nossa equipe. O tempo "
            "de espera atual é de cerca de {n} minutos.",
        ],
        "refusal": ["Desculpe, não posso ajudar com isso.", "Infelizmente não consigo atender a esse pedido."],
        "refusal_account": [
            "Desculpe, mas não tenho acesso a essa informação.",
            "Como assistente de IA, não consigo acessar contas de clientes.",
        ],
        "refusal_scope": [
            "Desculpe, só posso ajudar com pedidos, entregas e a sua conta ShopNow.",
        ],
        "apology": ["Desculpe pela confusão.", "Peço desculpas, eu entendi errado."],
        "empathy": ["Sinto muito pelo transtorno.", "Entendo que isso é frustrante."],
        "vague": [
            "Você poderia me dar mais detalhes?",
            "Não tenho certeza se entendi. Pode reformular a pergunta?",
        ],
        "deflect": [
            "Você encontra a resposta para a maioria das perguntas na nossa Central "
            "de Ajuda: help.shopnow.example.",
            "Confira a seção correspondente nas configurações da sua conta.",
        ],
        "rephrase_prefix": ["Repetindo: ", "De novo: ", "Minha pergunta foi: ", "Vou reformular. "],
        "rephrase_suffix": ["Por favor.", "É uma pergunta simples.", "Só quero saber isso."],
        "ask_order": [
            "Claro, vou verificar. Qual é o número do pedido? Ele começa com SN- e "
            "está no e-mail de confirmação.",
        ],
        "give_order": ["É {order}", "{order}", "O número é {order}"],
        "down_comment": ["Não respondeu à minha pergunta.", "Informação errada.", "Não ajudou em nada."],
    },
}


# ---------------------------------------------------------------------------
# Data: customer-support intents. For each intent and language: first-message
# phrasings ("prompts", {order} is filled in), good answers as (core, extra)
# pairs (the concise arm gets the core only) and follow-up (question, answer)
# pairs. "confusable" lists the intents whose answer a confused assistant
# gives instead.
# ---------------------------------------------------------------------------

SUPPORT = {}

SUPPORT["reset_password"] = {
    "confusable": [],
    "prompts": {
        "en": [
            "How do I reset my password?",
            "I forgot my password and can't log in.",
            "i cant log in, forgot my password",
            "Can you help me reset my password? The reset email never arrives.",
            "I need to change my password, how do I do that?",
            "Password reset link isn't working, it says expired.",
            "How can I recover my account? I don't remember the password.",
            "locked out of my account after too many login attempts, need a new password",
            "Where do I change my password in the app?",
            "I never got the password reset email, can you send it again?",
            "Help, I forgot my login password for ShopNow.",
            "How do I set a new password if I no longer have access to my old email?",
        ],
        "es": [
            "¿Cómo restablezco mi contraseña?",
            "Olvidé mi contraseña y no puedo entrar.",
            "no me llega el correo para cambiar la contraseña",
            "Necesito cambiar mi contraseña, ¿cómo lo hago?",
            "El enlace para restablecer la contraseña dice que ha caducado.",
            "Me he quedado bloqueado en mi cuenta, ¿cómo recupero el acceso?",
            "¿Dónde puedo cambiar la contraseña en la app?",
            "No recuerdo mi contraseña, ¿me ayudas a recuperarla?",
        ],
        "fr": [
            "Comment réinitialiser mon mot de passe ?",
            "J'ai oublié mon mot de passe et je n'arrive plus à me connecter.",
            "je ne reçois pas l'e-mail de réinitialisation du mot de passe",
            "Je voudrais changer mon mot de passe, comment faire ?",
            "Le lien pour réinitialiser le mot de passe a expiré.",
            "Mon compte est bloqué après trop de tentatives, comment récupérer l'accès ?",
            "Où est-ce que je peux modifier mon mot de passe dans l'application ?",
            "Mot de passe oublié, vous pouvez m'aider ?",
        ],
        "de": [
            "Wie kann ich mein Passwort zurücksetzen?",
            "Ich habe mein Passwort vergessen und komme nicht mehr rein.",
            "die E-Mail zum Zurücksetzen des Passworts kommt nicht an",
            "Ich möchte mein Passwort ändern, wie geht das?",
            "Der Link zum Zurücksetzen des Passworts ist abgelaufen.",
            "Mein Konto ist nach zu vielen Anmeldeversuchen gesperrt. Was tun?",
            "Wo ändere ich in der App mein Passwort?",
            "Passwort vergessen – kannst du mir helfen?",
        ],
        "it": [
            "Come faccio a reimpostare la password?",
            "Ho dimenticato la password e non riesco ad accedere.",
            "non mi arriva l'email per reimpostare la password",
            "Vorrei cambiare la mia password, come si fa?",
            "Il link per reimpostare la password è scaduto.",
            "Il mio account è bloccato dopo troppi tentativi, come lo recupero?",
            "Dove posso cambiare la password nell'app?",
            "Password dimenticata, mi aiuti?",
        ],
        "pt": [
            "Como faço para redefinir minha senha?",
            "Esqueci minha senha e não consigo entrar.",
            "não recebo o e-mail para redefinir a senha",
            "Quero trocar minha senha, como faço?",
            "O link para redefinir a senha expirou.",
            "Minha conta foi bloqueada depois de muitas tentativas. O que eu faço?",
            "Onde eu altero a senha no aplicativo?",
            "Esqueci a senha, pode me ajudar?",
        ],
    },
    "answers": {
        "en": [
            (
                "To reset your password:\n"
                "1. Go to the sign-in page and tap \"Forgot password?\".\n"
                "2. Enter the email address of your ShopNow account.\n"
                "3. Open the email we send you and follow the link within 30 minutes.\n"
                "4. Choose a new password of at least 10 characters.",
                "If the email doesn't arrive within a few minutes, check your spam folder "
                "and make sure you're using the address registered on your account. After "
                "5 failed sign-in attempts the account is locked for 15 minutes, so wait a "
                "moment before trying again.",
            ),
            (
                "You can set a new password from the sign-in screen: choose \"Forgot "
                "password?\", enter your account email, and click the link in the message "
                "we send you. The link is valid for 30 minutes; if it has expired, simply "
                "request a new one.",
                "Already signed in? Then go to Account → Security → Change password "
                "instead. If you no longer have access to the email address on your "
                "account, our support team can verify your identity and update it for you.",
            ),
        ],
        "es": [
            (
                "Para restablecer tu contraseña:\n"
                "1. En la pantalla de inicio de sesión, pulsa «¿Olvidaste tu contraseña?».\n"
                "2. Introduce el correo electrónico de tu cuenta de ShopNow.\n"
                "3. Abre el correo que te enviamos y sigue el enlace en un plazo de 30 minutos.\n"
                "4. Elige una contraseña nueva de al menos 10 caracteres.",
                "Si el correo no llega en unos minutos, revisa la carpeta de spam. Tras 5 "
                "intentos fallidos la cuenta se bloquea durante 15 minutos.",
            ),
        ],
        "fr": [
            (
                "Pour réinitialiser votre mot de passe :\n"
                "1. Sur la page de connexion, cliquez sur « Mot de passe oublié ? ».\n"
                "2. Saisissez l'adresse e-mail de votre compte ShopNow.\n"
                "3. Ouvrez l'e-mail reçu et suivez le lien dans les 30 minutes.\n"
                "4. Choisissez un nouveau mot de passe d'au moins 10 caractères.",
                "Si l'e-mail n'arrive pas, vérifiez vos courriers indésirables. Après 5 "
                "tentatives échouées, le compte est bloqué pendant 15 minutes.",
            ),
        ],
        "de": [
            (
                "So setzt du dein Passwort zurück:\n"
                "1. Tippe auf der Anmeldeseite auf „Passwort vergessen?“.\n"
                "2. Gib die E-Mail-Adresse deines ShopNow-Kontos ein.\n"
                "3. Öffne die E-Mail von uns und folge dem Link innerhalb von 30 Minuten.\n"
                "4. Wähle ein neues Passwort mit mindestens 10 Zeichen.",
                "Falls keine E-Mail ankommt, schau bitte im Spam-Ordner nach. Nach 5 "
                "fehlgeschlagenen Anmeldeversuchen wird das Konto für 15 Minuten gesperrt.",
            ),
        ],
        "it": [
            (
                "Per reimpostare la password:\n"
                "1. Nella pagina di accesso tocca «Password dimenticata?».\n"
                "2. Inserisci l'indirizzo email del tuo account ShopNow.\n"
                "3. Apri l'email che ti inviamo e segui il link entro 30 minuti.\n"
                "4. Scegli una nuova password di almeno 10 caratteri.",
                "Se l'email non arriva, controlla la cartella spam. Dopo 5 tentativi "
                "falliti l'account viene bloccato per 15 minuti.",
            ),
        ],
        "pt": [
            (
                "Para redefinir sua senha:\n"
                "1. Na tela de login, toque em \"Esqueceu a senha?\".\n"
                "2. Digite o e-mail da sua conta ShopNow.\n"
                "3. Abra o e-mail que enviamos e siga o link em até 30 minutos.\n"
                "4. Escolha uma nova senha com pelo menos 10 caracteres.",
                "Se o e-mail não chegar, confira a pasta de spam. Depois de 5 tentativas "
                "sem sucesso, a conta fica bloqueada por 15 minutos.",
            ),
        ],
    },
    "followups": {
        "en": [
            (
                "What if I don't have access to that email anymore?",
                "In that case we need to verify your identity first. Send us your full "
                "name, the phone number on the account and the last 4 digits of the card "
                "you paid with, and a support agent will update the email address within "
                "one business day.",
            ),
            (
                "Does changing the password log me out on my other devices?",
                "Yes. After a password change you're signed out everywhere except the "
                "device you used to change it. You'll need to sign in again with the new "
                "password on your phone, tablet, etc.",
            ),
            (
                "Can I turn on two-factor authentication too?",
                "Yes: go to Account → Security → Two-step verification and choose an "
                "authenticator app or SMS. We recommend an authenticator app; keep the "
                "backup codes somewhere safe.",
            ),
        ],
        "es": [
            (
                "¿Y si ya no tengo acceso a ese correo?",
                "En ese caso tenemos que verificar tu identidad. Envíanos tu nombre "
                "completo, el teléfono de la cuenta y los últimos 4 dígitos de la tarjeta "
                "con la que pagaste; un agente actualizará el correo en un día laborable.",
            ),
            (
                "¿Se cerrará la sesión en mis otros dispositivos?",
                "Sí. Al cambiar la contraseña se cierra la sesión en todos los "
                "dispositivos excepto en el que usaste para cambiarla.",
            ),
        ],
        "fr": [
            (
                "Et si je n'ai plus accès à cette adresse e-mail ?",
                "Dans ce cas, nous devons d'abord vérifier votre identité. Envoyez-nous "
                "votre nom complet, le numéro de téléphone du compte et les 4 derniers "
                "chiffres de la carte utilisée ; un conseiller mettra l'adresse à jour "
                "sous un jour ouvré.",
            ),
            (
                "Est-ce que je serai déconnecté sur mes autres appareils ?",
                "Oui. Après un changement de mot de passe, vous êtes déconnecté partout "
                "sauf sur l'appareil utilisé pour le changement.",
            ),
        ],
        "de": [
            (
                "Und wenn ich keinen Zugriff mehr auf diese E-Mail-Adresse habe?",
                "Dann müssen wir zuerst deine Identität prüfen. Schick uns deinen "
                "vollständigen Namen, die Telefonnummer des Kontos und die letzten 4 "
                "Ziffern der verwendeten Karte; ein Mitarbeiter ändert die Adresse "
                "innerhalb eines Werktags.",
            ),
            (
                "Werde ich dann auf meinen anderen Geräten abgemeldet?",
                "Ja. Nach einer Passwortänderung wirst du überall abgemeldet, außer auf "
                "dem Gerät, mit dem du das Passwort geändert hast.",
            ),
        ],
        "it": [
            (
                "E se non ho più accesso a quell'email?",
                "In quel caso dobbiamo prima verificare la tua identità. Inviaci nome e "
                "cognome, il numero di telefono dell'account e le ultime 4 cifre della "
                "carta usata: un operatore aggiornerà l'indirizzo entro un giorno lavorativo.",
            ),
            (
                "Verrò disconnesso dagli altri dispositivi?",
                "Sì. Dopo il cambio password verrai disconnesso ovunque tranne che sul "
                "dispositivo che hai usato per cambiarla.",
            ),
        ],
        "pt": [
            (
                "E se eu não tiver mais acesso a esse e-mail?",
                "Nesse caso precisamos verificar sua identidade. Envie seu nome completo, "
                "o telefone da conta e os 4 últimos dígitos do cartão usado; um atendente "
                "atualiza o e-mail em até um dia útil.",
            ),
            (
                "Vou ser desconectado dos outros dispositivos?",
                "Sim. Depois de trocar a senha, você é desconectado de todos os "
                "dispositivos, exceto o que usou para fazer a troca.",
            ),
        ],
    },
}

SUPPORT["refund"] = {
    "confusable": ["cancel_subscription", "billing"],
    "prompts": {
        "en": [
            "I want a refund for order {order}.",
            "How do I get my money back? The item arrived broken.",
            "Can I return this and get a refund? It doesn't fit.",
            "i want my money back for {order}, the product is not as described",
            "I returned my package two weeks ago and still haven't been refunded.",
            "How long does a refund take?",
            "Requesting a refund: the headphones I bought stopped working after 3 days.",
            "The shoes I ordered are the wrong size. Can I get a refund instead of an exchange?",
            "You charged me for an item that never arrived, I want a refund.",
            "Where's my refund? Order {order} was returned last week.",
            "What's your refund policy for opened items?",
            "I'd like to return the blender from order {order} and get my money back.",
        ],
        "es": [
            "Quiero un reembolso del pedido {order}.",
            "¿Cómo puedo recuperar mi dinero? El artículo llegó roto.",
            "Devolví el paquete hace dos semanas y todavía no me han devuelto el dinero.",
            "¿Cuánto tarda un reembolso?",
            "quiero devolver unas zapatillas que no me quedan bien y que me devuelvan el dinero",
            "El producto no es como en la foto, quiero el reembolso.",
            "¿Dónde está mi reembolso? El pedido {order} ya lo devolví.",
            "Me cobraron un pedido que nunca llegó, quiero mi dinero.",
        ],
        "fr": [
            "Je voudrais être remboursé pour la commande {order}.",
            "Comment récupérer mon argent ? L'article est arrivé cassé.",
            "J'ai renvoyé le colis il y a deux semaines et toujours pas de remboursement.",
            "Combien de temps prend un remboursement ?",
            "je veux retourner une veste trop petite et me faire rembourser",
            "Le produit ne correspond pas à la description, je demande un remboursement.",
            "Où en est mon remboursement pour la commande {order} ?",
            "On m'a débité une commande jamais reçue, je veux être remboursé.",
        ],
        "de": [
            "Ich möchte eine Rückerstattung für Bestellung {order}.",
            "Wie bekomme ich mein Geld zurück? Der Artikel kam kaputt an.",
            "Ich habe das Paket vor zwei Wochen zurückgeschickt und noch kein Geld bekommen.",
            "Wie lange dauert eine Rückerstattung?",
            "will die schuhe zurückgeben, passen nicht, bitte geld zurück",
            "Das Produkt entspricht nicht der Beschreibung, ich will mein Geld zurück.",
            "Wo bleibt meine Erstattung für {order}?",
            "Mir wurde eine Bestellung berechnet, die nie angekommen ist. Ich möchte mein Geld zurück.",
        ],
        "it": [
            "Vorrei un rimborso per l'ordine {order}.",
            "Come posso riavere i miei soldi? L'articolo è arrivato rotto.",
            "Ho restituito il pacco due settimane fa e non ho ancora ricevuto il rimborso.",
            "Quanto tempo ci vuole per un rimborso?",
            "voglio restituire le scarpe, sono della taglia sbagliata, e avere il rimborso",
            "Il prodotto non corrisponde alla descrizione, chiedo il rimborso.",
            "Dov'è il mio rimborso per l'ordine {order}?",
            "Mi avete addebitato un ordine mai arrivato, rivoglio i miei soldi.",
        ],
        "pt": [
            "Quero o reembolso do pedido {order}.",
            "Como recebo meu dinheiro de volta? O produto chegou quebrado.",
            "Devolvi o pacote há duas semanas e ainda não recebi o reembolso.",
            "Quanto tempo demora um reembolso?",
            "quero devolver um tênis que ficou pequeno e receber o dinheiro de volta",
            "O produto não é como o anunciado, quero reembolso.",
            "Cadê meu reembolso do pedido {order}?",
            "Fui cobrado por um pedido que nunca chegou, quero meu dinheiro de volta.",
        ],
    },
    "answers": {
        "en": [
            (
                "You can request a refund within 30 days of delivery:\n"
                "1. Go to Account → Orders and open the order.\n"
                "2. Choose \"Return or refund\", select the item and a reason.\n"
                "3. Print the prepaid return label and drop the parcel at any partner shop.\n\n"
                "Once the parcel reaches our warehouse, the refund is issued to your "
                "original payment method within 5 business days.",
                "For damaged or faulty items you don't need to send anything back first: "
                "just attach a photo when you select the reason and we'll refund you right "
                "away. Banks can take another 2-3 days to show the money on your statement.",
            ),
            (
                "I'm sorry the item didn't work out. Refunds go back to the original "
                "payment method: open the order under Account → Orders, click \"Return or "
                "refund\" and follow the steps. We refund within 5 business days after your "
                "return arrives at our warehouse.",
                "If you already sent the parcel back more than 10 days ago and haven't seen "
                "the money, reply with the return tracking number and we'll check where it is.",
            ),
        ],
        "es": [
            (
                "Puedes solicitar un reembolso hasta 30 días después de la entrega:\n"
                "1. Ve a Cuenta → Pedidos y abre el pedido.\n"
                "2. Elige «Devolver o reembolsar», selecciona el artículo y el motivo.\n"
                "3. Imprime la etiqueta de devolución prepagada y deja el paquete en un punto de recogida.\n\n"
                "Cuando el paquete llegue a nuestro almacén, te devolvemos el dinero en tu "
                "método de pago original en 5 días laborables.",
                "Si el artículo llegó dañado, adjunta una foto al elegir el motivo y te "
                "reembolsamos sin esperar la devolución.",
            ),
        ],
        "fr": [
            (
                "Vous pouvez demander un remboursement jusqu'à 30 jours après la livraison :\n"
                "1. Allez dans Compte → Commandes et ouvrez la commande.\n"
                "2. Choisissez « Retour ou remboursement », sélectionnez l'article et le motif.\n"
                "3. Imprimez l'étiquette de retour prépayée et déposez le colis en point relais.\n\n"
                "Dès réception du colis dans notre entrepôt, le remboursement est effectué "
                "sur votre moyen de paiement d'origine sous 5 jours ouvrés.",
                "Pour un article endommagé, joignez simplement une photo : nous vous "
                "remboursons sans attendre le retour.",
            ),
        ],
        "de": [
            (
                "Du kannst innerhalb von 30 Tagen nach der Lieferung eine Rückerstattung beantragen:\n"
                "1. Öffne unter Konto → Bestellungen die Bestellung.\n"
                "2. Wähle „Rücksendung oder Erstattung“, den Artikel und einen Grund.\n"
                "3. Drucke das kostenlose Rücksendeetikett aus und gib das Paket in einem Paketshop ab.\n\n"
                "Sobald das Paket in unserem Lager ankommt, erstatten wir den Betrag "
                "innerhalb von 5 Werktagen auf dein ursprüngliches Zahlungsmittel.",
                "Bei beschädigten Artikeln reicht ein Foto, dann erstatten wir sofort, ohne "
                "auf die Rücksendung zu warten.",
            ),
        ],
        "it": [
            (
                "Puoi richiedere un rimborso entro 30 giorni dalla consegna:\n"
                "1. Vai su Account → Ordini e apri l'ordine.\n"
                "2. Scegli «Reso o rimborso», seleziona l'articolo e il motivo.\n"
                "3. Stampa l'etichetta di reso prepagata e consegna il pacco in un punto di ritiro.\n\n"
                "Quando il pacco arriva al nostro magazzino, rimborsiamo sul metodo di "
                "pagamento originale entro 5 giorni lavorativi.",
                "Se l'articolo è arrivato danneggiato, allega una foto: ti rimborsiamo "
                "subito senza attendere il reso.",
            ),
        ],
        "pt": [
            (
                "Você pode pedir reembolso em até 30 dias após a entrega:\n"
                "1. Vá em Conta → Pedidos e abra o pedido.\n"
                "2. Escolha \"Devolver ou reembolsar\", selecione o item e o motivo.\n"
                "3. Imprima a etiqueta de devolução pré-paga e deixe o pacote em um ponto parceiro.\n\n"
                "Quando o pacote chegar ao nosso armazém, o valor volta para o seu meio de "
                "pagamento original em até 5 dias úteis.",
                "Se o produto chegou danificado, basta anexar uma foto: fazemos o reembolso "
                "sem esperar a devolução.",
            ),
        ],
    },
    "followups": {
        "en": [
            (
                "Can I get store credit instead? I'd rather have it faster.",
                "Yes. If you choose \"Store credit\" as the refund method, the amount is "
                "added to your ShopNow balance as soon as the return is scanned at the "
                "drop-off point, usually the same day.",
            ),
            (
                "What if I lost the original packaging?",
                "That's fine: any sturdy box or padded envelope works. Just make sure the "
                "item is protected and the return label is clearly visible.",
            ),
            (
                "Do I have to pay for return shipping?",
                "No, returns are free within the EU and the UK. The prepaid label is "
                "included when you create the return online.",
            ),
        ],
        "es": [
            (
                "¿Puedo recibir saldo en la tienda en lugar del reembolso?",
                "Sí. Si eliges «Saldo de tienda», el importe se añade a tu cuenta en cuanto "
                "escanean la devolución en el punto de entrega, normalmente el mismo día.",
            ),
            (
                "¿Tengo que pagar el envío de la devolución?",
                "No, las devoluciones son gratuitas. La etiqueta prepagada se genera al "
                "crear la devolución en la web.",
            ),
        ],
        "fr": [
            (
                "Est-ce que je peux avoir un avoir plutôt qu'un remboursement ?",
                "Oui. En choisissant « Avoir », le montant est crédité sur votre compte dès "
                "que le colis est scanné au point relais, généralement le jour même.",
            ),
            (
                "Les frais de retour sont à ma charge ?",
                "Non, les retours sont gratuits. L'étiquette prépayée est fournie quand "
                "vous créez le retour en ligne.",
            ),
        ],
        "de": [
            (
                "Kann ich stattdessen ein Guthaben bekommen?",
                "Ja. Wenn du „Guthaben“ als Erstattungsart wählst, wird der Betrag "
                "gutgeschrieben, sobald das Paket im Paketshop gescannt wurde, meist noch "
                "am selben Tag.",
            ),
            (
                "Muss ich den Rückversand bezahlen?",
                "Nein, Rücksendungen sind kostenlos. Das vorfrankierte Etikett bekommst du, "
                "wenn du die Rücksendung online anlegst.",
            ),
        ],
        "it": [
            (
                "Posso avere un buono invece del rimborso?",
                "Sì. Se scegli «Credito ShopNow», l'importo viene accreditato appena il "
                "pacco viene scansionato al punto di ritiro, di solito in giornata.",
            ),
            (
                "Devo pagare io la spedizione del reso?",
                "No, i resi sono gratuiti. L'etichetta prepagata viene generata quando crei "
                "il reso online.",
            ),
        ],
        "pt": [
            (
                "Posso receber crédito na loja em vez do reembolso?",
                "Sim. Se escolher \"Crédito na loja\", o valor entra na sua conta assim que "
                "a devolução é registrada no ponto de entrega, normalmente no mesmo dia.",
            ),
            (
                "Eu pago o frete da devolução?",
                "Não, as devoluções são gratuitas. A etiqueta pré-paga é gerada quando você "
                "cria a devolução pelo site.",
            ),
        ],
    },
}

SUPPORT["cancel_subscription"] = {
    "confusable": ["refund", "billing"],
    "prompts": {
        "en": [
            "How do I cancel my ShopNow Plus subscription?",
            "I want to cancel my membership.",
            "cancel my subscription please",
            "Please stop my monthly Plus plan, I don't use it anymore.",
            "How can I turn off auto-renewal?",
            "I was charged for Plus again even though I wanted to cancel. How do I end it?",
            "Can I cancel the free trial before it starts charging me?",
            "Unsubscribe me from the Plus membership.",
            "I'd like to end my subscription at the end of this month.",
            "Where is the button to cancel Plus? I can't find it anywhere.",
            "How do I cancel Plus if I signed up through the iPhone app?",
            "If I cancel my subscription now, do I lose my free shipping immediately?",
        ],
        "es": [
            "¿Cómo cancelo mi suscripción a ShopNow Plus?",
            "Quiero darme de baja de la suscripción.",
            "cancelar suscripción por favor",
            "¿Cómo desactivo la renovación automática?",
            "Me volvieron a cobrar Plus aunque quería cancelarlo. ¿Cómo lo quito?",
            "¿Puedo cancelar la prueba gratuita antes de que me cobren?",
            "No encuentro dónde cancelar la membresía Plus.",
            "Quiero anular mi plan mensual, ya no lo uso.",
        ],
        "fr": [
            "Comment résilier mon abonnement ShopNow Plus ?",
            "Je veux annuler mon abonnement.",
            "résilier abonnement svp",
            "Comment désactiver le renouvellement automatique ?",
            "On m'a encore prélevé Plus alors que je voulais arrêter. Comment l'annuler ?",
            "Est-ce que je peux annuler l'essai gratuit avant d'être débité ?",
            "Je ne trouve pas où résilier l'abonnement Plus.",
            "Je souhaite mettre fin à mon abonnement mensuel, je ne l'utilise plus.",
        ],
        "de": [
            "Wie kündige ich mein ShopNow-Plus-Abo?",
            "Ich möchte mein Abo kündigen.",
            "abo kündigen bitte",
            "Wie schalte ich die automatische Verlängerung aus?",
            "Plus wurde schon wieder abgebucht, obwohl ich kündigen wollte. Wie beende ich das?",
            "Kann ich das Probeabo kündigen, bevor es kostenpflichtig wird?",
            "Ich finde nirgends, wo man Plus kündigen kann.",
            "Ich will meine Mitgliedschaft zum Monatsende beenden.",
        ],
        "it": [
            "Come disdico l'abbonamento ShopNow Plus?",
            "Voglio annullare il mio abbonamento.",
            "disdire abbonamento per favore",
            "Come disattivo il rinnovo automatico?",
            "Mi avete addebitato di nuovo Plus anche se volevo disdire. Come lo chiudo?",
            "Posso annullare la prova gratuita prima che mi addebitino?",
            "Non trovo dove si disdice l'abbonamento Plus.",
            "Vorrei chiudere il mio piano mensile, non lo uso più.",
        ],
        "pt": [
            "Como cancelo minha assinatura do ShopNow Plus?",
            "Quero cancelar minha assinatura.",
            "cancelar assinatura por favor",
            "Como desativo a renovação automática?",
            "Cobraram o Plus de novo mesmo eu querendo cancelar. Como encerro?",
            "Posso cancelar o teste grátis antes de ser cobrado?",
            "Não acho onde cancela a assinatura Plus.",
            "Quero encerrar meu plano mensal, não uso mais.",
        ],
    },
    "answers": {
        "en": [
            (
                "You can cancel ShopNow Plus at any time:\n"
                "1. Go to Account → Subscriptions.\n"
                "2. Select ShopNow Plus and click \"Cancel subscription\".\n"
                "3. Confirm. You'll get a confirmation email.\n\n"
                "Your benefits stay active until the end of the current billing period, "
                "and you won't be charged again.",
                "If you subscribed through the App Store or Google Play, the subscription "
                "has to be cancelled there (Settings → your name → Subscriptions on iPhone; "
                "Play Store → Payments & subscriptions on Android). Cancelling during the "
                "free trial costs nothing.",
            ),
            (
                "To stop auto-renewal, open Account → Subscriptions, choose ShopNow Plus "
                "and select \"Cancel subscription\". Free shipping and the other Plus "
                "benefits remain until the last day you've paid for.",
                "If you were charged after trying to cancel, check that you received the "
                "confirmation email. If you did, reply here with the date and we'll refund "
                "the last charge.",
            ),
        ],
        "es": [
            (
                "Puedes cancelar ShopNow Plus cuando quieras:\n"
                "1. Ve a Cuenta → Suscripciones.\n"
                "2. Selecciona ShopNow Plus y pulsa «Cancelar suscripción».\n"
                "3. Confirma; recibirás un correo de confirmación.\n\n"
                "Las ventajas siguen activas hasta el final del periodo ya pagado y no se "
                "te volverá a cobrar.",
                "Si te suscribiste desde la App Store o Google Play, tienes que cancelarla "
                "desde la tienda de aplicaciones.",
            ),
        ],
        "fr": [
            (
                "Vous pouvez résilier ShopNow Plus à tout moment :\n"
                "1. Allez dans Compte → Abonnements.\n"
                "2. Sélectionnez ShopNow Plus et cliquez sur « Résilier l'abonnement ».\n"
                "3. Confirmez ; vous recevrez un e-mail de confirmation.\n\n"
                "Les avantages restent actifs jusqu'à la fin de la période payée et vous ne "
                "serez plus débité.",
                "Si vous vous êtes abonné via l'App Store ou Google Play, la résiliation se "
                "fait depuis le store.",
            ),
        ],
        "de": [
            (
                "Du kannst ShopNow Plus jederzeit kündigen:\n"
                "1. Gehe zu Konto → Abonnements.\n"
                "2. Wähle ShopNow Plus und klicke auf „Abo kündigen“.\n"
                "3. Bestätige, du bekommst eine Bestätigung per E-Mail.\n\n"
                "Die Vorteile bleiben bis zum Ende des bezahlten Zeitraums aktiv, danach "
                "wird nichts mehr abgebucht.",
                "Wenn du Plus über den App Store oder Google Play abgeschlossen hast, musst "
                "du dort kündigen.",
            ),
        ],
        "it": [
            (
                "Puoi disdire ShopNow Plus in qualsiasi momento:\n"
                "1. Vai su Account → Abbonamenti.\n"
                "2. Seleziona ShopNow Plus e clicca «Annulla abbonamento».\n"
                "3. Conferma: riceverai un'email di conferma.\n\n"
                "I vantaggi restano attivi fino alla fine del periodo già pagato e non ti "
                "verrà addebitato altro.",
                "Se ti sei abbonato tramite App Store o Google Play, devi disdire da lì.",
            ),
        ],
        "pt": [
            (
                "Você pode cancelar o ShopNow Plus quando quiser:\n"
                "1. Vá em Conta → Assinaturas.\n"
                "2. Selecione ShopNow Plus e clique em \"Cancelar assinatura\".\n"
                "3. Confirme; você receberá um e-mail de confirmação.\n\n"
                "Os benefícios continuam até o fim do período já pago e não haverá nova cobrança.",
                "Se assinou pela App Store ou pelo Google Play, o cancelamento precisa ser "
                "feito na loja de aplicativos.",
            ),
        ],
    },
    "followups": {
        "en": [
            (
                "Will I get a refund for the rest of the month?",
                "Monthly plans aren't refunded pro rata, but you keep all benefits until "
                "the end of the period. Annual plans cancelled within 14 days of renewal "
                "are refunded in full.",
            ),
            (
                "Can I pause it instead of cancelling?",
                "Yes: under Account → Subscriptions choose \"Pause\" to suspend Plus for 1, "
                "2 or 3 months. You won't be charged while it's paused and it resumes "
                "automatically.",
            ),
            (
                "What happens to my saved addresses and order history?",
                "Nothing changes: your account, addresses, wishlist and order history stay "
                "exactly as they are. Only the Plus benefits end.",
            ),
        ],
        "es": [
            (
                "¿Me devolvéis lo que queda del mes?",
                "Los planes mensuales no se reembolsan de forma proporcional, pero conservas "
                "las ventajas hasta el final del periodo.",
            ),
            (
                "¿Puedo pausarla en lugar de cancelarla?",
                "Sí, en Cuenta → Suscripciones elige «Pausar» para suspender Plus 1, 2 o 3 "
                "meses sin cargos.",
            ),
        ],
        "fr": [
            (
                "Est-ce que je serai remboursé pour le reste du mois ?",
                "Les abonnements mensuels ne sont pas remboursés au prorata, mais vous "
                "gardez les avantages jusqu'à la fin de la période.",
            ),
            (
                "Je peux le mettre en pause au lieu de résilier ?",
                "Oui, dans Compte → Abonnements, choisissez « Mettre en pause » pour 1, 2 ou "
                "3 mois, sans prélèvement.",
            ),
        ],
        "de": [
            (
                "Bekomme ich den Rest des Monats erstattet?",
                "Monatsabos werden nicht anteilig erstattet, aber du behältst die Vorteile "
                "bis zum Ende des Zeitraums.",
            ),
            (
                "Kann ich das Abo pausieren statt kündigen?",
                "Ja, unter Konto → Abonnements kannst du Plus für 1, 2 oder 3 Monate "
                "„pausieren“. In der Zeit wird nichts abgebucht.",
            ),
        ],
        "it": [
            (
                "Mi rimborsate il resto del mese?",
                "Gli abbonamenti mensili non vengono rimborsati pro rata, ma mantieni i "
                "vantaggi fino alla fine del periodo.",
            ),
            (
                "Posso metterlo in pausa invece di disdirlo?",
                "Sì, in Account → Abbonamenti scegli «Metti in pausa» per 1, 2 o 3 mesi "
                "senza addebiti.",
            ),
        ],
        "pt": [
            (
                "Vou receber de volta o resto do mês?",
                "Planos mensais não são reembolsados proporcionalmente, mas você mantém os "
                "benefícios até o fim do período.",
            ),
            (
                "Posso pausar em vez de cancelar?",
                "Sim, em Conta → Assinaturas escolha \"Pausar\" por 1, 2 ou 3 meses, sem cobranças.",
            ),
        ],
    },
}

SUPPORT["track_order"] = {
    "confusable": ["change_address"],
    "needs_order": True,
    "prompts": {
        "en": [
            "Where is my order {order}?",
            "Can you track my package? Order {order}.",
            "my order hasnt arrived yet",
            "When will my order arrive?",
            "It's been 8 days and my package still hasn't shown up. Where is it?",
            "Tracking says delivered but I didn't get anything. Order {order}.",
            "What's the shipping status of my last order?",
            "Has order {order} shipped yet?",
            "I need my package by Friday, is it on the way?",
            "The tracking number you sent me doesn't work.",
            "Where's my parcel??",
            "Can you tell me when {order} will be delivered?",
        ],
        "es": [
            "¿Dónde está mi pedido {order}?",
            "¿Puedes rastrear mi paquete? Pedido {order}.",
            "mi pedido todavía no ha llegado",
            "¿Cuándo llega mi pedido?",
            "Han pasado 8 días y el paquete no aparece.",
            "El seguimiento dice entregado pero no he recibido nada.",
            "¿Ya se envió el pedido {order}?",
            "El número de seguimiento que me mandasteis no funciona.",
        ],
        "fr": [
            "Où en est ma commande {order} ?",
            "Pouvez-vous suivre mon colis ? Commande {order}.",
            "ma commande n'est toujours pas arrivée",
            "Quand est-ce que ma commande va arriver ?",
            "Ça fait 8 jours et toujours pas de colis.",
            "Le suivi indique livré mais je n'ai rien reçu.",
            "Est-ce que la commande {order} a été expédiée ?",
            "Le numéro de suivi que vous m'avez envoyé ne marche pas.",
        ],
        "de": [
            "Wo ist meine Bestellung {order}?",
            "Kannst du mein Paket verfolgen? Bestellung {order}.",
            "meine bestellung ist immer noch nicht da",
            "Wann kommt meine Bestellung an?",
            "Seit 8 Tagen warte ich auf mein Paket. Wo ist es?",
            "Laut Sendungsverfolgung zugestellt, aber ich habe nichts bekommen.",
            "Wurde die Bestellung {order} schon verschickt?",
            "Die Sendungsnummer, die ihr mir geschickt habt, funktioniert nicht.",
        ],
        "it": [
            "Dov'è il mio ordine {order}?",
            "Puoi tracciare il mio pacco? Ordine {order}.",
            "il mio ordine non è ancora arrivato",
            "Quando arriva il mio ordine?",
            "Sono passati 8 giorni e il pacco non si vede.",
            "Il tracking dice consegnato ma non ho ricevuto niente.",
            "L'ordine {order} è già stato spedito?",
            "Il numero di tracking che mi avete mandato non funziona.",
        ],
        "pt": [
            "Onde está meu pedido {order}?",
            "Pode rastrear meu pacote? Pedido {order}.",
            "meu pedido ainda não chegou",
            "Quando meu pedido vai chegar?",
            "Já faz 8 dias e nada do pacote.",
            "O rastreio diz entregue, mas não recebi nada.",
            "O pedido {order} já foi enviado?",
            "O código de rastreio que vocês mandaram não funciona.",
        ],
    },
    "answers": {
        "en": [
            (
                "Your order {order} left our warehouse and is now with {carrier}. Expected "
                "delivery: within {days} business days.\n\n"
                "You can follow it live under Account → Orders → Track parcel.",
                "If the tracking page hasn't updated for more than 3 business days, or it "
                "says \"delivered\" but nothing arrived, check with neighbours and your "
                "building's mailroom first, then let us know: we'll open an investigation "
                "with the carrier and send a replacement or refund if it can't be found.",
            ),
            (
                "I checked order {order}: it was shipped with {carrier} and is currently in "
                "transit. It should arrive within {days} business days. The tracking number "
                "is in your shipping confirmation email.",
                "Tracking numbers usually become active a few hours after the label is "
                "created, so if the link doesn't work yet, try again later in the day.",
            ),
        ],
        "es": [
            (
                "Tu pedido {order} ya salió de nuestro almacén y está en manos de {carrier}. "
                "Entrega prevista: en {days} días laborables.\n\n"
                "Puedes seguirlo en Cuenta → Pedidos → Seguir envío.",
                "Si el seguimiento no se actualiza en más de 3 días laborables o indica "
                "«entregado» sin que lo hayas recibido, avísanos y abriremos una "
                "investigación con el transportista.",
            ),
        ],
        "fr": [
            (
                "Votre commande {order} a quitté notre entrepôt et a été confiée à {carrier}. "
                "Livraison prévue : sous {days} jours ouvrés.\n\n"
                "Vous pouvez la suivre dans Compte → Commandes → Suivre le colis.",
                "Si le suivi n'est pas mis à jour pendant plus de 3 jours ouvrés ou indique "
                "« livré » sans que vous ayez rien reçu, prévenez-nous et nous ouvrirons "
                "une enquête auprès du transporteur.",
            ),
        ],
        "de": [
            (
                "Deine Bestellung {order} hat unser Lager verlassen und ist jetzt bei "
                "{carrier}. Voraussichtliche Zustellung: innerhalb von {days} Werktagen.\n\n"
                "Du kannst sie unter Konto → Bestellungen → Sendung verfolgen.",
                "Wenn sich die Sendungsverfolgung mehr als 3 Werktage nicht aktualisiert "
                "oder „zugestellt“ anzeigt, obwohl nichts angekommen ist, melde dich: wir "
                "starten dann einen Nachforschungsauftrag beim Versanddienstleister.",
            ),
        ],
        "it": [
            (
                "Il tuo ordine {order} è partito dal nostro magazzino ed è ora affidato a "
                "{carrier}. Consegna prevista: entro {days} giorni lavorativi.\n\n"
                "Puoi seguirlo in Account → Ordini → Traccia spedizione.",
                "Se il tracking non si aggiorna da più di 3 giorni lavorativi o risulta "
                "«consegnato» senza che tu abbia ricevuto nulla, scrivici e apriremo una "
                "verifica con il corriere.",
            ),
        ],
        "pt": [
            (
                "Seu pedido {order} já saiu do nosso armazém e está com a {carrier}. "
                "Entrega prevista: em até {days} dias úteis.\n\n"
                "Você pode acompanhar em Conta → Pedidos → Rastrear envio.",
                "Se o rastreio ficar mais de 3 dias úteis sem atualização ou mostrar "
                "\"entregue\" sem você ter recebido, avise a gente e abrimos uma "
                "investigação com a transportadora.",
            ),
        ],
    },
    "followups": {
        "en": [
            (
                "What about express shipping? Can I upgrade it?",
                "Once a parcel has left the warehouse the shipping method can't be "
                "changed. For your next order, express delivery costs €6.90 and arrives "
                "the next business day if you order before 2 pm.",
            ),
            (
                "Can I pick it up at a parcel shop instead?",
                "Yes: on the {carrier} tracking page choose \"Change delivery\" and select "
                "a parcel shop near you. You'll need the tracking number and your postcode.",
            ),
            (
                "What happens if I'm not home when it's delivered?",
                "The driver will try once more the next business day. After that the "
                "parcel is taken to the nearest parcel shop and kept for 7 days; you'll "
                "get a notification with the address.",
            ),
        ],
        "es": [
            (
                "¿Y con envío exprés? ¿Puedo cambiarlo?",
                "Cuando el paquete ya salió del almacén no se puede cambiar el método de "
                "envío. En tu próximo pedido, el envío exprés cuesta 6,90 € y llega al día "
                "siguiente si pides antes de las 14:00.",
            ),
            (
                "¿Qué pasa si no estoy en casa?",
                "El repartidor lo intentará de nuevo al día siguiente. Después, el paquete "
                "se deja en el punto de recogida más cercano durante 7 días.",
            ),
        ],
        "fr": [
            (
                "Et en livraison express ? Je peux changer ?",
                "Une fois le colis parti de l'entrepôt, le mode de livraison ne peut plus "
                "être modifié. Pour votre prochaine commande, l'express coûte 6,90 € et "
                "arrive le lendemain si vous commandez avant 14 h.",
            ),
            (
                "Que se passe-t-il si je ne suis pas chez moi ?",
                "Le livreur repassera le jour ouvré suivant. Ensuite, le colis est déposé "
                "au point relais le plus proche et conservé 7 jours.",
            ),
        ],
        "de": [
            (
                "Und mit Expressversand? Kann ich das noch ändern?",
                "Sobald das Paket das Lager verlassen hat, lässt sich die Versandart nicht "
                "mehr ändern. Bei deiner nächsten Bestellung kostet Express 6,90 € und "
                "kommt am nächsten Werktag, wenn du vor 14 Uhr bestellst.",
            ),
            (
                "Was passiert, wenn ich nicht zu Hause bin?",
                "Der Zusteller versucht es am nächsten Werktag noch einmal. Danach wird "
                "das Paket 7 Tage im nächsten Paketshop aufbewahrt.",
            ),
        ],
        "it": [
            (
                "E con la spedizione express? Posso cambiarla?",
                "Quando il pacco ha già lasciato il magazzino non si può più cambiare il "
                "metodo di spedizione. Per il prossimo ordine, l'express costa 6,90 € e "
                "arriva il giorno lavorativo successivo se ordini entro le 14.",
            ),
            (
                "Cosa succede se non sono a casa?",
                "Il corriere riproverà il giorno lavorativo successivo. Poi il pacco viene "
                "lasciato nel punto di ritiro più vicino per 7 giorni.",
            ),
        ],
        "pt": [
            (
                "E o frete expresso? Dá para mudar?",
                "Depois que o pacote sai do armazém não é possível mudar o tipo de envio. "
                "No próximo pedido, o expresso custa 6,90 € e chega no dia útil seguinte "
                "se você comprar até as 14h.",
            ),
            (
                "E se eu não estiver em casa?",
                "O entregador tenta de novo no dia útil seguinte. Depois disso, o pacote "
                "fica 7 dias no ponto de retirada mais próximo.",
            ),
        ],
    },
}

SUPPORT["change_address"] = {
    "confusable": ["track_order"],
    "prompts": {
        "en": [
            "How do I change the delivery address on my order?",
            "I put the wrong address on order {order}, can you fix it?",
            "Can I change my shipping address after ordering?",
            "i moved, need to update my delivery address",
            "Please send order {order} to my work address instead.",
            "Wrong postcode on my order, how can I correct it?",
            "Is it too late to change where my package is delivered?",
            "I want my parcel delivered to a different address.",
            "How do I update the default address in my account?",
            "Typo in my street name on the order I just placed!",
            "Can you redirect my package to my neighbour's address?",
        ],
        "es": [
            "¿Cómo cambio la dirección de entrega de mi pedido?",
            "Puse mal la dirección en el pedido {order}, ¿podéis corregirla?",
            "¿Puedo cambiar la dirección de envío después de comprar?",
            "me he mudado, tengo que actualizar la dirección",
            "El código postal del pedido está mal, ¿cómo lo corrijo?",
            "Quiero que me envíen el paquete a otra dirección.",
            "¿Es demasiado tarde para cambiar la dirección del pedido {order}?",
            "¿Cómo cambio la dirección predeterminada de mi cuenta?",
        ],
        "fr": [
            "Comment modifier l'adresse de livraison de ma commande ?",
            "Je me suis trompé d'adresse sur la commande {order}, vous pouvez corriger ?",
            "Est-il possible de changer l'adresse de livraison après la commande ?",
            "j'ai déménagé, je dois mettre à jour mon adresse",
            "Le code postal de ma commande est faux, comment le corriger ?",
            "Je voudrais être livré à une autre adresse.",
            "C'est trop tard pour changer l'adresse de la commande {order} ?",
            "Comment changer l'adresse par défaut de mon compte ?",
        ],
        "de": [
            "Wie ändere ich die Lieferadresse meiner Bestellung?",
            "Ich habe bei Bestellung {order} die falsche Adresse angegeben, könnt ihr das korrigieren?",
            "Kann ich die Lieferadresse nach der Bestellung noch ändern?",
            "bin umgezogen, muss meine adresse aktualisieren",
            "Die Postleitzahl in meiner Bestellung ist falsch. Wie korrigiere ich das?",
            "Ich möchte das Paket an eine andere Adresse liefern lassen.",
            "Ist es zu spät, die Adresse für {order} zu ändern?",
            "Wie ändere ich die Standardadresse in meinem Konto?",
        ],
        "it": [
            "Come cambio l'indirizzo di consegna del mio ordine?",
            "Ho sbagliato indirizzo nell'ordine {order}, potete correggerlo?",
            "Posso cambiare l'indirizzo di spedizione dopo aver ordinato?",
            "ho traslocato, devo aggiornare l'indirizzo",
            "Il CAP nel mio ordine è sbagliato, come lo correggo?",
            "Vorrei far consegnare il pacco a un altro indirizzo.",
            "È troppo tardi per cambiare l'indirizzo dell'ordine {order}?",
            "Come cambio l'indirizzo predefinito del mio account?",
        ],
        "pt": [
            "Como altero o endereço de entrega do meu pedido?",
            "Coloquei o endereço errado no pedido {order}, vocês podem corrigir?",
            "Dá para mudar o endereço de entrega depois de comprar?",
            "me mudei, preciso atualizar meu endereço",
            "O CEP do meu pedido está errado, como corrijo?",
            "Quero receber o pacote em outro endereço.",
            "É tarde demais para mudar o endereço do pedido {order}?",
            "Como mudo o endereço padrão da minha conta?",
        ],
    },
    "answers": {
        "en": [
            (
                "You can change the delivery address as long as the order hasn't shipped yet:\n"
                "1. Go to Account → Orders and open the order.\n"
                "2. Click \"Change address\" and enter the new address.\n"
                "3. Save. You'll see the updated address in the order details.\n\n"
                "If the button is greyed out, the parcel has already been handed to the carrier.",
                "In that case you can still redirect it from the carrier's tracking page "
                "(\"Change delivery\") to another address or a parcel shop. To change the "
                "default address for future orders, go to Account → Addresses.",
            ),
        ],
        "es": [
            (
                "Puedes cambiar la dirección mientras el pedido no se haya enviado:\n"
                "1. Ve a Cuenta → Pedidos y abre el pedido.\n"
                "2. Pulsa «Cambiar dirección» e introduce la nueva.\n"
                "3. Guarda los cambios.\n\n"
                "Si el botón aparece desactivado, el paquete ya está con el transportista.",
                "En ese caso puedes redirigirlo desde la página de seguimiento del "
                "transportista. Para cambiar la dirección predeterminada, ve a Cuenta → "
                "Direcciones.",
            ),
        ],
        "fr": [
            (
                "Vous pouvez modifier l'adresse tant que la commande n'est pas expédiée :\n"
                "1. Allez dans Compte → Commandes et ouvrez la commande.\n"
                "2. Cliquez sur « Modifier l'adresse » et saisissez la nouvelle.\n"
                "3. Enregistrez.\n\n"
                "Si le bouton est grisé, le colis a déjà été remis au transporteur.",
                "Vous pouvez alors le rediriger depuis la page de suivi du transporteur. "
                "Pour l'adresse par défaut, allez dans Compte → Adresses.",
            ),
        ],
        "de": [
            (
                "Du kannst die Adresse ändern, solange die Bestellung noch nicht verschickt wurde:\n"
                "1. Öffne unter Konto → Bestellungen die Bestellung.\n"
                "2. Klicke auf „Adresse ändern“ und gib die neue Adresse ein.\n"
                "3. Speichern, fertig.\n\n"
                "Ist der Button ausgegraut, ist das Paket schon beim Versanddienstleister.",
                "Dann kannst du es über die Sendungsverfolgung des Versanddienstleisters "
                "umleiten. Die Standardadresse änderst du unter Konto → Adressen.",
            ),
        ],
        "it": [
            (
                "Puoi cambiare l'indirizzo finché l'ordine non è stato spedito:\n"
                "1. Vai su Account → Ordini e apri l'ordine.\n"
                "2. Clicca «Modifica indirizzo» e inserisci quello nuovo.\n"
                "3. Salva.\n\n"
                "Se il pulsante è disattivato, il pacco è già stato affidato al corriere.",
                "In quel caso puoi reindirizzarlo dalla pagina di tracking del corriere. "
                "Per l'indirizzo predefinito vai su Account → Indirizzi.",
            ),
        ],
        "pt": [
            (
                "Você pode alterar o endereço enquanto o pedido não for enviado:\n"
                "1. Vá em Conta → Pedidos e abra o pedido.\n"
                "2. Clique em \"Alterar endereço\" e digite o novo.\n"
                "3. Salve.\n\n"
                "Se o botão estiver desativado, o pacote já está com a transportadora.",
                "Nesse caso dá para redirecionar pela página de rastreio da transportadora. "
                "O endereço padrão fica em Conta → Endereços.",
            ),
        ],
    },
    "followups": {
        "en": [
            (
                "And if it already shipped?",
                "Then use \"Change delivery\" on the carrier's tracking page: you can send "
                "it to another address in the same country or to a parcel shop. "
                "Redirecting abroad isn't possible; in that case refuse the parcel and "
                "we'll refund you when it comes back.",
            ),
            (
                "Can I have it delivered to a parcel locker?",
                "Yes, for future orders choose \"Parcel locker\" at checkout and pick one on "
                "the map. For an order that's already on its way, you can select a locker "
                "from the carrier's tracking page.",
            ),
            (
                "Will changing the address delay my delivery?",
                "Usually not if you change it before shipping. Redirecting a parcel that's "
                "already in transit typically adds one business day.",
            ),
        ],
        "es": [
            (
                "¿Y si ya se ha enviado?",
                "Entonces usa «Cambiar entrega» en la página de seguimiento del "
                "transportista: puedes enviarlo a otra dirección del mismo país o a un "
                "punto de recogida.",
            ),
            (
                "¿Cambiar la dirección retrasa la entrega?",
                "Normalmente no si lo cambias antes del envío. Redirigir un paquete en "
                "tránsito suele añadir un día laborable.",
            ),
        ],
        "fr": [
            (
                "Et s'il est déjà expédié ?",
                "Utilisez alors « Modifier la livraison » sur la page de suivi du "
                "transporteur : vous pouvez choisir une autre adresse dans le même pays ou "
                "un point relais.",
            ),
            (
                "Ça va retarder la livraison ?",
                "En général non si vous la modifiez avant l'expédition. Rediriger un colis "
                "déjà en route ajoute souvent un jour ouvré.",
            ),
        ],
        "de": [
            (
                "Und wenn es schon verschickt wurde?",
                "Dann nutze „Zustellung ändern“ auf der Seite des Versanddienstleisters: Du "
                "kannst eine andere Adresse im selben Land oder einen Paketshop wählen.",
            ),
            (
                "Verzögert sich die Lieferung dadurch?",
                "Meist nicht, wenn du die Adresse vor dem Versand änderst. Eine Umleitung "
                "unterwegs dauert meist einen Werktag länger.",
            ),
        ],
        "it": [
            (
                "E se è già stato spedito?",
                "Allora usa «Modifica consegna» sulla pagina di tracking del corriere: puoi "
                "scegliere un altro indirizzo nello stesso paese o un punto di ritiro.",
            ),
            (
                "Cambiare indirizzo ritarda la consegna?",
                "Di solito no se lo cambi prima della spedizione. Reindirizzare un pacco "
                "già in viaggio aggiunge in genere un giorno lavorativo.",
            ),
        ],
        "pt": [
            (
                "E se já tiver sido enviado?",
                "Aí use \"Alterar entrega\" na página de rastreio da transportadora: dá para "
                "escolher outro endereço no mesmo país ou um ponto de retirada.",
            ),
            (
                "Mudar o endereço atrasa a entrega?",
                "Normalmente não, se a mudança for antes do envio. Redirecionar um pacote "
                "em trânsito costuma levar um dia útil a mais.",
            ),
        ],
    },
}

SUPPORT["billing"] = {
    "confusable": ["refund", "cancel_subscription"],
    "prompts": {
        "en": [
            "Where can I download the invoice for order {order}?",
            "I need an invoice with my company's VAT number.",
            "Why was I charged twice this month?",
            "There's a charge from ShopNow on my card that I don't recognise.",
            "can i get a copy of my invoice",
            "The amount on my bank statement is higher than my order total. Why?",
            "How do I add my business address to invoices?",
            "I need a receipt for my expense report.",
            "My invoice shows the wrong name, can you correct it?",
            "What is this €7.99 charge on my credit card?",
            "Do your invoices include VAT?",
            "Can you resend the invoice for my last purchase to my email?",
        ],
        "es": [
            "¿Dónde descargo la factura del pedido {order}?",
            "Necesito una factura con el NIF de mi empresa.",
            "¿Por qué me habéis cobrado dos veces este mes?",
            "Hay un cargo de ShopNow en mi tarjeta que no reconozco.",
            "me podeis mandar una copia de la factura",
            "El importe del banco es mayor que el total del pedido, ¿por qué?",
            "La factura tiene mal mi nombre, ¿se puede corregir?",
            "¿Qué es este cargo de 7,99 € en mi tarjeta?",
        ],
        "fr": [
            "Où puis-je télécharger la facture de la commande {order} ?",
            "J'ai besoin d'une facture avec le numéro de TVA de mon entreprise.",
            "Pourquoi ai-je été débité deux fois ce mois-ci ?",
            "Il y a un prélèvement ShopNow sur ma carte que je ne reconnais pas.",
            "je peux avoir une copie de ma facture ?",
            "Le montant débité est plus élevé que le total de ma commande. Pourquoi ?",
            "Mon nom est mal orthographié sur la facture, vous pouvez le corriger ?",
            "C'est quoi ce prélèvement de 7,99 € sur ma carte ?",
        ],
        "de": [
            "Wo kann ich die Rechnung für Bestellung {order} herunterladen?",
            "Ich brauche eine Rechnung mit der USt-IdNr. meiner Firma.",
            "Warum wurde mir diesen Monat zweimal etwas abgebucht?",
            "Auf meiner Kreditkarte ist eine Abbuchung von ShopNow, die ich nicht kenne.",
            "kann ich eine kopie meiner rechnung bekommen",
            "Der abgebuchte Betrag ist höher als meine Bestellsumme. Warum?",
            "Auf der Rechnung steht der falsche Name, könnt ihr das korrigieren?",
            "Was ist diese Abbuchung über 7,99 € auf meiner Karte?",
        ],
        "it": [
            "Dove scarico la fattura dell'ordine {order}?",
            "Mi serve una fattura con la partita IVA della mia azienda.",
            "Perché mi avete addebitato due volte questo mese?",
            "C'è un addebito ShopNow sulla mia carta che non riconosco.",
            "posso avere una copia della fattura",
            "L'importo addebitato è più alto del totale dell'ordine. Perché?",
            "Sulla fattura c'è il nome sbagliato, potete correggerlo?",
            "Cos'è questo addebito di 7,99 € sulla mia carta?",
        ],
        "pt": [
            "Onde baixo a fatura do pedido {order}?",
            "Preciso de uma fatura com o CNPJ da minha empresa.",
            "Por que fui cobrado duas vezes este mês?",
            "Tem uma cobrança da ShopNow no meu cartão que eu não reconheço.",
            "pode me mandar uma cópia da fatura",
            "O valor cobrado no banco é maior que o total do pedido. Por quê?",
            "Meu nome está errado na fatura, dá para corrigir?",
            "Que cobrança é essa de 7,99 € no meu cartão?",
        ],
    },
    "answers": {
        "en": [
            (
                "All invoices are under Account → Orders: open the order and click "
                "\"Download invoice (PDF)\". To add a company name or VAT number, go to "
                "Account → Billing details before downloading; the invoice is regenerated "
                "with the new details.\n\n"
                "A recurring charge of €7.99 is the monthly ShopNow Plus fee.",
                "If you see two charges for the same order, one of them is usually a "
                "temporary authorisation that your bank releases within 3-5 business days. "
                "If both are still there after a week, send us a screenshot of your "
                "statement and we'll refund the duplicate. Prices include VAT.",
            ),
        ],
        "es": [
            (
                "Todas las facturas están en Cuenta → Pedidos: abre el pedido y pulsa "
                "«Descargar factura (PDF)». Para añadir el nombre de la empresa o el NIF, ve "
                "antes a Cuenta → Datos de facturación y la factura se generará de nuevo.\n\n"
                "Un cargo mensual de 7,99 € corresponde a la cuota de ShopNow Plus.",
                "Si ves dos cargos del mismo pedido, uno suele ser una retención temporal "
                "que tu banco libera en 3-5 días laborables.",
            ),
        ],
        "fr": [
            (
                "Toutes les factures se trouvent dans Compte → Commandes : ouvrez la "
                "commande et cliquez sur « Télécharger la facture (PDF) ». Pour ajouter une "
                "raison sociale ou un numéro de TVA, passez d'abord par Compte → "
                "Informations de facturation ; la facture sera régénérée.\n\n"
                "Un prélèvement mensuel de 7,99 € correspond à l'abonnement ShopNow Plus.",
                "Si vous voyez deux débits pour la même commande, l'un d'eux est "
                "généralement une pré-autorisation que votre banque libère sous 3 à 5 jours ouvrés.",
            ),
        ],
        "de": [
            (
                "Alle Rechnungen findest du unter Konto → Bestellungen: Bestellung öffnen "
                "und auf „Rechnung herunterladen (PDF)“ klicken. Firmenname oder USt-IdNr. "
                "trägst du vorher unter Konto → Rechnungsdaten ein, dann wird die Rechnung "
                "neu erstellt.\n\n"
                "Eine monatliche Abbuchung von 7,99 € ist die Gebühr für ShopNow Plus.",
                "Siehst du zwei Abbuchungen für dieselbe Bestellung, ist eine davon meist "
                "nur eine Vormerkung, die deine Bank nach 3-5 Werktagen wieder freigibt.",
            ),
        ],
        "it": [
            (
                "Tutte le fatture sono in Account → Ordini: apri l'ordine e clicca «Scarica "
                "fattura (PDF)». Per aggiungere ragione sociale o partita IVA, vai prima su "
                "Account → Dati di fatturazione e la fattura verrà rigenerata.\n\n"
                "Un addebito mensile di 7,99 € è la quota di ShopNow Plus.",
                "Se vedi due addebiti per lo stesso ordine, uno è di solito una "
                "preautorizzazione che la banca sblocca in 3-5 giorni lavorativi.",
            ),
        ],
        "pt": [
            (
                "Todas as faturas ficam em Conta → Pedidos: abra o pedido e clique em "
                "\"Baixar fatura (PDF)\". Para incluir razão social ou CNPJ, vá antes em "
                "Conta → Dados de cobrança e a fatura será gerada de novo.\n\n"
                "Uma cobrança mensal de 7,99 € é a mensalidade do ShopNow Plus.",
                "Se aparecerem duas cobranças do mesmo pedido, uma delas costuma ser uma "
                "pré-autorização que o banco libera em 3 a 5 dias úteis.",
            ),
        ],
    },
    "followups": {
        "en": [
            (
                "Can I get one invoice for all my orders this month?",
                "Yes: under Account → Billing you can download a monthly statement that "
                "lists every order and its VAT. It's available from the 2nd of the "
                "following month.",
            ),
            (
                "Can I change the payment card for future orders?",
                "Sure. Go to Account → Payment methods, add the new card and set it as "
                "default. The ShopNow Plus fee will be charged to the default card from "
                "the next billing date.",
            ),
            (
                "Is the invoice sent by email automatically?",
                "We email a link to the invoice when the order ships. You can switch to "
                "receiving the PDF as an attachment under Account → Notifications.",
            ),
        ],
        "es": [
            (
                "¿Puedo tener una sola factura de todos los pedidos del mes?",
                "Sí, en Cuenta → Facturación puedes descargar un resumen mensual con todos "
                "los pedidos y el IVA, disponible a partir del día 2 del mes siguiente.",
            ),
            (
                "¿Puedo cambiar la tarjeta para los próximos pedidos?",
                "Claro. En Cuenta → Métodos de pago añade la nueva tarjeta y márcala como "
                "predeterminada.",
            ),
        ],
        "fr": [
            (
                "Est-ce que je peux avoir une seule facture pour toutes mes commandes du mois ?",
                "Oui, dans Compte → Facturation vous pouvez télécharger un relevé mensuel "
                "avec toutes les commandes et la TVA, disponible à partir du 2 du mois suivant.",
            ),
            (
                "Je peux changer la carte pour les prochaines commandes ?",
                "Bien sûr. Dans Compte → Moyens de paiement, ajoutez la nouvelle carte et "
                "définissez-la par défaut.",
            ),
        ],
        "de": [
            (
                "Kann ich eine Sammelrechnung für alle Bestellungen des Monats bekommen?",
                "Ja, unter Konto → Rechnungen kannst du eine Monatsübersicht mit allen "
                "Bestellungen und der MwSt. herunterladen, ab dem 2. des Folgemonats.",
            ),
            (
                "Kann ich die Karte für künftige Bestellungen ändern?",
                "Klar. Unter Konto → Zahlungsarten fügst du die neue Karte hinzu und legst "
                "sie als Standard fest.",
            ),
        ],
        "it": [
            (
                "Posso avere un'unica fattura per tutti gli ordini del mese?",
                "Sì, in Account → Fatturazione puoi scaricare un riepilogo mensile con tutti "
                "gli ordini e l'IVA, disponibile dal 2 del mese successivo.",
            ),
            (
                "Posso cambiare la carta per i prossimi ordini?",
                "Certo. In Account → Metodi di pagamento aggiungi la nuova carta e "
                "impostala come predefinita.",
            ),
        ],
        "pt": [
            (
                "Dá para ter uma fatura única com todos os pedidos do mês?",
                "Sim, em Conta → Cobrança você baixa um resumo mensal com todos os pedidos "
                "e impostos, disponível a partir do dia 2 do mês seguinte.",
            ),
            (
                "Posso trocar o cartão para os próximos pedidos?",
                "Claro. Em Conta → Formas de pagamento adicione o novo cartão e defina "
                "como padrão.",
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# Data: general-assistant intents.
# ---------------------------------------------------------------------------

# Translation. Prompts are templates over {target} (the target language's
# name as the template's grammar wants it) and {text}; items are
# (text, target language, translation).
TRANSLATE = {
    "target_names": {
        "en": {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese"},
        "es": {"en": "inglés", "fr": "francés", "de": "alemán", "it": "italiano", "pt": "portugués"},
        "fr": {"en": "anglais", "es": "espagnol", "de": "allemand", "it": "italien", "pt": "portugais"},
        "de": {"en": "Englisch", "es": "Spanisch", "fr": "Französisch", "it": "Italienisch", "pt": "Portugiesisch"},
        "it": {"en": "inglese", "es": "spagnolo", "fr": "francese", "de": "tedesco", "pt": "portoghese"},
        "pt": {"en": "inglês", "es": "espanhol", "fr": "francês", "de": "alemão", "it": "italiano"},
    },
    "prompts": {
        "en": [
            "Translate this into {target}: \"{text}\"",
            "Can you translate \"{text}\" to {target}?",
            "How do you say \"{text}\" in {target}?",
            "Please translate to {target}:\n\n{text}",
            "I need this sentence in {target}: {text}",
            "translate to {target} pls: {text}",
            "What's the {target} translation of \"{text}\"?",
            "Could you help me translate a sentence into {target}? \"{text}\"",
            "{target} please: {text}",
            "I'm writing to a colleague, can you put this in {target}? \"{text}\"",
        ],
        "es": [
            "Tradúceme esto al {target}: «{text}»",
            "¿Cómo se dice «{text}» en {target}?",
            "Traduce al {target}, por favor:\n\n{text}",
            "Necesito esta frase en {target}: {text}",
            "¿Me ayudas a traducir al {target}? «{text}»",
            "pásame esto al {target}: {text}",
            "¿Cuál es la traducción al {target} de «{text}»?",
            "Quiero mandar este mensaje en {target}: «{text}»",
        ],
        "fr": [
            "Traduis ceci en {target} : « {text} »",
            "Comment dit-on « {text} » en {target} ?",
            "Peux-tu traduire en {target}, s'il te plaît :\n\n{text}",
            "J'ai besoin de cette phrase en {target} : {text}",
            "Tu peux m'aider à traduire en {target} ? « {text} »",
            "traduction en {target} svp : {text}",
            "Quelle est la traduction en {target} de « {text} » ?",
            "Je dois envoyer ce message en {target} : « {text} »",
        ],
        "de": [
            "Übersetze das bitte ins {target}e: „{text}“",
            "Was heißt „{text}“ auf {target}?",
            "Bitte ins {target}e übersetzen:\n\n{text}",
            "Ich brauche diesen Satz auf {target}: {text}",
            "Kannst du mir helfen, das ins {target}e zu übersetzen? „{text}“",
            "auf {target} bitte: {text}",
            "Wie übersetzt man „{text}“ ins {target}e?",
            "Ich muss diese Nachricht auf {target} schicken: „{text}“",
        ],
        "it": [
            "Traduci in {target}: «{text}»",
            "Come si dice «{text}» in {target}?",
            "Per favore traduci in {target}:\n\n{text}",
            "Mi serve questa frase in {target}: {text}",
            "Mi aiuti a tradurre in {target}? «{text}»",
            "in {target} per favore: {text}",
            "Qual è la traduzione in {target} di «{text}»?",
            "Devo mandare questo messaggio in {target}: «{text}»",
        ],
        "pt": [
            "Traduz isso para o {target}: \"{text}\"",
            "Como se diz \"{text}\" em {target}?",
            "Por favor, traduza para o {target}:\n\n{text}",
            "Preciso dessa frase em {target}: {text}",
            "Me ajuda a traduzir para o {target}? \"{text}\"",
            "em {target} por favor: {text}",
            "Qual a tradução de \"{text}\" para o {target}?",
            "Tenho que mandar essa mensagem em {target}: \"{text}\"",
        ],
    },
    "items": {
        "en": [
            ("Our office will be closed on Monday for the public holiday.", "es",
             "Nuestra oficina estará cerrada el lunes por el día festivo."),
            ("Could you please send me the updated contract by Friday?", "de",
             "Könnten Sie mir bitte den aktualisierten Vertrag bis Freitag schicken?"),
            ("Thank you for your patience, your order is on its way.", "fr",
             "Merci de votre patience, votre commande est en route."),
            ("I'm running ten minutes late, please start without me.", "it",
             "Sono in ritardo di dieci minuti, iniziate pure senza di me."),
            ("The meeting has been moved to Thursday at 3 pm.", "pt",
             "A reunião foi remarcada para quinta-feira às 15h."),
            ("Happy birthday! I hope all your wishes come true.", "es",
             "¡Feliz cumpleaños! Espero que se cumplan todos tus deseos."),
            ("Please keep this medicine out of the reach of children.", "fr",
             "Veuillez garder ce médicament hors de portée des enfants."),
            ("We look forward to welcoming you at our hotel.", "de",
             "Wir freuen uns darauf, Sie in unserem Hotel begrüßen zu dürfen."),
        ],
        "es": [
            ("Mañana no podré ir a la reunión porque estoy enfermo.", "en",
             "I won't be able to make it to the meeting tomorrow because I'm sick."),
            ("¿Sabes dónde está la estación de tren más cercana?", "en",
             "Do you know where the nearest train station is?"),
            ("Gracias por tu ayuda, te debo una.", "fr", "Merci pour ton aide, je te revaudrai ça."),
            ("El paquete llegará entre el lunes y el miércoles.", "en",
             "The package will arrive between Monday and Wednesday."),
        ],
        "fr": [
            ("Je serai en vacances du 12 au 26 août.", "en", "I will be on holiday from 12 to 26 August."),
            ("Pouvez-vous me rappeler demain matin ?", "en", "Could you call me back tomorrow morning?"),
            ("Le rendez-vous est confirmé pour jeudi à 10 h.", "es",
             "La cita está confirmada para el jueves a las 10."),
            ("Merci d'avoir pensé à moi, ça me touche beaucoup.", "en",
             "Thank you for thinking of me, it really means a lot."),
        ],
        "de": [
            ("Ich bin nächste Woche im Urlaub und ab dem 14. wieder erreichbar.", "en",
             "I'm on holiday next week and will be available again from the 14th."),
            ("Können wir den Termin auf Donnerstag verschieben?", "en",
             "Can we move the appointment to Thursday?"),
            ("Die Rechnung liegt dem Paket bei.", "fr", "La facture est jointe au colis."),
            ("Vielen Dank für die schnelle Antwort!", "en", "Thank you very much for the quick reply!"),
        ],
        "it": [
            ("Domani il negozio resterà chiuso per inventario.", "en",
             "Tomorrow the shop will be closed for stocktaking."),
            ("Potresti mandarmi le foto della vacanza?", "en", "Could you send me the photos from the holiday?"),
            ("La consegna è prevista entro venerdì.", "de", "Die Lieferung ist bis Freitag geplant."),
            ("Grazie mille per l'ospitalità, siamo stati benissimo.", "en",
             "Thank you so much for your hospitality, we had a wonderful time."),
        ],
        "pt": [
            ("Vou chegar um pouco atrasado, me espera na entrada.", "en",
             "I'll be a little late, wait for me at the entrance."),
            ("Você pode me mandar o relatório até sexta?", "en", "Can you send me the report by Friday?"),
            ("Obrigado pelo presente, adorei!", "es", "¡Gracias por el regalo, me encantó!"),
            ("A loja abre às nove horas da manhã.", "en", "The shop opens at nine in the morning."),
        ],
    },
    # (core, extra) over {target} and {translation}.
    "answers": {
        "en": ("In {target}:\n\n\"{translation}\"",
               "The wording is neutral and polite, so it works both in emails and in "
               "conversation. Let me know if you'd like a more formal or more casual version."),
        "es": ("En {target}:\n\n«{translation}»",
               "Es una formulación neutra y educada, válida tanto para un correo como para "
               "una conversación."),
        "fr": ("En {target} :\n\n« {translation} »",
               "La formulation est neutre et polie, elle convient aussi bien à un e-mail "
               "qu'à une conversation."),
        "de": ("Auf {target}:\n\n„{translation}“",
               "Die Formulierung ist neutral und höflich und passt sowohl in eine E-Mail "
               "als auch ins Gespräch."),
        "it": ("In {target}:\n\n«{translation}»",
               "La formulazione è neutra e cortese, va bene sia in un'email sia a voce."),
        "pt": ("Em {target}:\n\n\"{translation}\"",
               "A frase está num tom neutro e educado, serve tanto para e-mail quanto "
               "para conversa."),
    },
    "followups": {
        "en": [
            ("Is that formal or informal?",
             "It's neutral to polite: it uses the standard form you'd find in a business "
             "email, so you can send it to a colleague or a client without any problem. "
             "For close friends you could make it a little more casual."),
            ("Would a native speaker actually say it like that?",
             "Yes, it's natural, everyday phrasing. A native speaker might shorten it "
             "slightly in a text message, but it sounds correct and idiomatic as it is."),
            ("Could you check my spelling in the original too?",
             "Your original sentence is correct, with no spelling or grammar mistakes. "
             "The only thing I'd consider is adding a greeting if it's the first line of "
             "an email."),
        ],
        "es": [
            ("¿Es formal o informal?",
             "Es neutra, tirando a educada: puedes usarla con un compañero de trabajo o "
             "con un cliente sin problema."),
            ("¿Un nativo lo diría así?",
             "Sí, suena natural. En un mensaje rápido quizá lo acortaría un poco, pero "
             "así es correcto."),
        ],
        "fr": [
            ("C'est formel ou informel ?",
             "C'est neutre, plutôt poli : vous pouvez l'utiliser avec un collègue ou un "
             "client sans problème."),
            ("Un natif le dirait comme ça ?",
             "Oui, c'est une formulation naturelle. Dans un SMS, on la raccourcirait "
             "peut-être un peu, mais elle est correcte telle quelle."),
        ],
        "de": [
            ("Ist das eher förmlich oder locker?",
             "Neutral bis höflich, das kannst du problemlos an Kollegen oder Kunden schicken."),
            ("Würde ein Muttersprachler das so sagen?",
             "Ja, das klingt natürlich. In einer kurzen Nachricht würde man es vielleicht "
             "etwas kürzen, aber so ist es korrekt."),
        ],
        "it": [
            ("È formale o informale?",
             "È neutra, tendente al cortese: puoi usarla con un collega o con un cliente "
             "senza problemi."),
            ("Un madrelingua lo direbbe così?",
             "Sì, suona naturale. In un messaggio veloce magari lo accorcerebbe un po', "
             "ma così è corretto."),
        ],
        "pt": [
            ("Isso é formal ou informal?",
             "É neutro, puxando para o educado: dá para usar com colega de trabalho ou "
             "cliente sem problema."),
            ("Um nativo falaria assim?",
             "Sim, soa natural. Numa mensagem rápida talvez encurtasse um pouco, mas "
             "assim está correto."),
        ],
    },
}

# Code: four small Python regex tasks. The code is shared; the prose around it
# is per language as (intro, explanation).
CODE_SNIPPETS = {
    "email": r'''```python
import re

EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")

def is_valid_email(s):
    return EMAIL_RE.match(s) is not None

print(is_valid_email("ana.perez@example.com"))  # True
print(is_valid_email("not-an-email"))           # False
```''',
    "date": r'''```python
import re

text = "Invoices dated 2026-10-01 and 2026-10-15 are overdue."
dates = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
print(dates)  # ['2026-10-01', '2026-10-15']
```''',
    "phone": r'''```python
import re

def digits_only(phone):
    return re.sub(r"\D", "", phone)

print(digits_only("+49 (30) 1234-5678"))  # 493012345678
```''',
    "fix": r'''```python
import re

text = "Total: 12.50 EUR, shipping 4.99 EUR, order 1234-5678"
prices = re.findall(r"\d+\.\d{2}", text)
print(prices)  # ['12.50', '4.99']
```''',
}

CODE = {
    "prompts": {
        "en": [
            ("email", "Write a Python regex to validate email addresses."),
            ("email", "How can I check if a string is a valid email in Python?"),
            ("email", "python regex for email validation pls"),
            ("email", "I need a function that returns True if the input looks like an email address. Python."),
            ("date", "How do I extract all dates in YYYY-MM-DD format from a string in Python?"),
            ("date", "Write a regex that finds ISO dates like 2026-10-01 in a text."),
            ("date", "python: find every date (yyyy-mm-dd) in a log line"),
            ("phone", "How can I strip everything except digits from a phone number in Python?"),
            ("phone", "Python code to normalise phone numbers like +49 (30) 1234-5678 to just digits?"),
            ("phone", "regex to remove spaces, dashes and brackets from a phone number"),
            ("fix", 'My regex re.findall("[0-9]+.[0-9]+", text) is supposed to find prices like '
                    '12.50 but it also matches 1234-5678. What\'s wrong?'),
            ("fix", "Why does my Python regex [0-9]+.[0-9]+ match things that aren't prices? Please fix it."),
            ("fix", "fix my regex: [0-9]+.[0-9]+ should only match decimal numbers like 4.99"),
        ],
        "es": [
            ("email", "Escribe una expresión regular en Python para validar correos electrónicos."),
            ("email", "¿Cómo compruebo en Python si un texto es un email válido?"),
            ("date", "¿Cómo saco todas las fechas con formato AAAA-MM-DD de un texto en Python?"),
            ("date", "regex en python para encontrar fechas tipo 2026-10-01"),
            ("phone", "¿Cómo dejo solo los dígitos de un número de teléfono en Python?"),
            ("phone", "Código Python para limpiar teléfonos como +49 (30) 1234-5678"),
            ("fix", 'Mi regex "[0-9]+.[0-9]+" debería encontrar precios como 12.50 pero también '
                    'encuentra 1234-5678. ¿Qué está mal?'),
            ("fix", "arregla mi expresión regular [0-9]+.[0-9]+, solo quiero números con decimales"),
        ],
        "fr": [
            ("email", "Écris une regex Python pour valider des adresses e-mail."),
            ("email", "Comment vérifier en Python qu'une chaîne est une adresse e-mail valide ?"),
            ("date", "Comment extraire toutes les dates au format AAAA-MM-JJ d'un texte en Python ?"),
            ("date", "regex python pour trouver des dates du type 2026-10-01"),
            ("phone", "Comment garder uniquement les chiffres d'un numéro de téléphone en Python ?"),
            ("phone", "Code Python pour nettoyer des numéros comme +49 (30) 1234-5678"),
            ("fix", 'Ma regex "[0-9]+.[0-9]+" doit trouver des prix comme 12.50 mais elle trouve '
                    "aussi 1234-5678. Qu'est-ce qui ne va pas ?"),
            ("fix", "corrige ma regex [0-9]+.[0-9]+, je veux seulement les nombres décimaux"),
        ],
        "de": [
            ("email", "Schreib mir einen Python-Regex, der E-Mail-Adressen prüft."),
            ("email", "Wie prüfe ich in Python, ob ein String eine gültige E-Mail-Adresse ist?"),
            ("date", "Wie extrahiere ich in Python alle Datumsangaben im Format JJJJ-MM-TT aus einem Text?"),
            ("date", "python regex für datumsangaben wie 2026-10-01"),
            ("phone", "Wie behalte ich in Python nur die Ziffern einer Telefonnummer?"),
            ("phone", "Python-Code, um Nummern wie +49 (30) 1234-5678 zu bereinigen"),
            ("fix", 'Mein Regex "[0-9]+.[0-9]+" soll Preise wie 12.50 finden, erwischt aber auch '
                    "1234-5678. Was ist falsch?"),
            ("fix", "korrigier meinen regex [0-9]+.[0-9]+, ich will nur Dezimalzahlen"),
        ],
        "it": [
            ("email", "Scrivi una regex in Python per validare indirizzi email."),
            ("email", "Come controllo in Python se una stringa è un'email valida?"),
            ("date", "Come estraggo tutte le date in formato AAAA-MM-GG da un testo in Python?"),
            ("date", "regex python per trovare date tipo 2026-10-01"),
            ("phone", "Come tengo solo le cifre di un numero di telefono in Python?"),
            ("phone", "Codice Python per pulire numeri come +49 (30) 1234-5678"),
            ("fix", 'La mia regex "[0-9]+.[0-9]+" dovrebbe trovare prezzi come 12.50 ma trova '
                    "anche 1234-5678. Cosa c'è che non va?"),
            ("fix", "correggi la mia regex [0-9]+.[0-9]+, voglio solo i numeri decimali"),
        ],
        "pt": [
            ("email", "Escreva uma regex em Python para validar e-mails."),
            ("email", "Como verifico em Python se uma string é um e-mail válido?"),
            ("date", "Como extraio todas as datas no formato AAAA-MM-DD de um texto em Python?"),
            ("date", "regex python pra achar datas tipo 2026-10-01"),
            ("phone", "Como deixo só os dígitos de um número de telefone em Python?"),
            ("phone", "Código Python para limpar telefones como +49 (30) 1234-5678"),
            ("fix", 'Minha regex "[0-9]+.[0-9]+" deveria achar preços como 12.50, mas também '
                    "pega 1234-5678. O que está errado?"),
            ("fix", "corrige minha regex [0-9]+.[0-9]+, quero só números decimais"),
        ],
    },
    "answers": {
        "en": {
            "email": (
                "Here's a simple Python function that checks whether a string looks like an email address:",
                r"`[\w.+-]+` matches the part before the @, and `(\.[\w-]+)+` requires at "
                r"least one dot in the domain. Note that no regex validates every address "
                r"allowed by RFC 5322; for real validation, send a confirmation email.",
            ),
            "date": (
                "You can use `re.findall` with a pattern for four digits, a dash, two "
                "digits, a dash and two digits:",
                r"`\b` makes sure the date isn't part of a longer number. If you also need "
                r"to check that the date is valid (no 2026-13-45), parse the matches with "
                r"`datetime.date.fromisoformat`.",
            ),
            "phone": (
                "The easiest way is to remove everything that isn't a digit:",
                r"`\D` matches any character that is not a digit, so `re.sub` deletes "
                r"spaces, brackets, dashes and the plus sign. If you need to keep the "
                r'leading +, use `re.sub(r"[^\d+]", "", phone)` instead.',
            ),
            "fix": (
                "The problem is the unescaped dot: in a regex `.` matches any character, so "
                "`[0-9]+.[0-9]+` also matches \"1234-5678\". Escape it and require two decimals:",
                r"`\.` matches a literal dot and `\d{2}` exactly two digits. Using a raw "
                r'string (`r"..."`) avoids having to double the backslashes.',
            ),
        },
        "es": {
            "email": (
                "Aquí tienes una función sencilla en Python que comprueba si un texto parece "
                "una dirección de correo:",
                r"`[\w.+-]+` cubre la parte antes de la @ y `(\.[\w-]+)+` exige al menos un "
                r"punto en el dominio. Ninguna regex valida todas las direcciones posibles; "
                r"para estar seguro, envía un correo de confirmación.",
            ),
            "date": (
                "Puedes usar `re.findall` con un patrón de cuatro dígitos, guion, dos "
                "dígitos, guion y dos dígitos:",
                r"`\b` evita que la fecha forme parte de un número más largo. Para "
                r"comprobar que la fecha existe, usa `datetime.date.fromisoformat`.",
            ),
            "phone": (
                "Lo más fácil es eliminar todo lo que no sea un dígito:",
                r"`\D` coincide con cualquier carácter que no sea un dígito. Si quieres "
                r'conservar el + inicial, usa `re.sub(r"[^\d+]", "", phone)`.',
            ),
            "fix": (
                "El problema es el punto sin escapar: en una regex `.` coincide con "
                "cualquier carácter, por eso `[0-9]+.[0-9]+` también encuentra «1234-5678». "
                "Escápalo y exige dos decimales:",
                r"`\.` coincide con un punto literal y `\d{2}` con exactamente dos dígitos.",
            ),
        },
        "fr": {
            "email": (
                "Voici une fonction Python simple qui vérifie si une chaîne ressemble à une "
                "adresse e-mail :",
                r"`[\w.+-]+` couvre la partie avant le @ et `(\.[\w-]+)+` exige au moins un "
                r"point dans le domaine. Aucune regex ne valide toutes les adresses "
                r"possibles ; le plus sûr reste un e-mail de confirmation.",
            ),
            "date": (
                "Vous pouvez utiliser `re.findall` avec un motif de quatre chiffres, un "
                "tiret, deux chiffres, un tiret et deux chiffres :",
                r"`\b` évite de capturer une date au milieu d'un nombre plus long. Pour "
                r"vérifier que la date existe, utilisez `datetime.date.fromisoformat`.",
            ),
            "phone": (
                "Le plus simple est de supprimer tout ce qui n'est pas un chiffre :",
                r"`\D` correspond à tout caractère qui n'est pas un chiffre. Pour garder le "
                r'+ initial, utilisez `re.sub(r"[^\d+]", "", phone)`.',
            ),
            "fix": (
                "Le problème vient du point non échappé : dans une regex, `.` correspond à "
                "n'importe quel caractère, donc `[0-9]+.[0-9]+` trouve aussi « 1234-5678 ». "
                "Échappez-le et exigez deux décimales :",
                r"`\.` correspond à un point littéral et `\d{2}` à exactement deux chiffres.",
            ),
        },
        "de": {
            "email": (
                "Hier ist eine einfache Python-Funktion, die prüft, ob ein String wie eine "
                "E-Mail-Adresse aussieht:",
                r"`[\w.+-]+` deckt den Teil vor dem @ ab, `(\.[\w-]+)+` verlangt mindestens "
                r"einen Punkt in der Domain. Kein Regex erkennt alle erlaubten Adressen; "
                r"sicher ist nur eine Bestätigungs-E-Mail.",
            ),
            "date": (
                "Nimm `re.findall` mit einem Muster aus vier Ziffern, Bindestrich, zwei "
                "Ziffern, Bindestrich und zwei Ziffern:",
                r"`\b` verhindert Treffer mitten in längeren Zahlen. Ob das Datum wirklich "
                r"existiert, prüfst du mit `datetime.date.fromisoformat`.",
            ),
            "phone": (
                "Am einfachsten entfernst du alles, was keine Ziffer ist:",
                r"`\D` passt auf jedes Zeichen außer Ziffern. Willst du das führende + "
                r'behalten, nimm `re.sub(r"[^\d+]", "", phone)`.',
            ),
            "fix": (
                "Das Problem ist der nicht maskierte Punkt: `.` passt in einem Regex auf "
                "jedes Zeichen, deshalb findet `[0-9]+.[0-9]+` auch „1234-5678“. Maskiere "
                "ihn und verlange zwei Nachkommastellen:",
                r"`\.` passt auf einen echten Punkt und `\d{2}` auf genau zwei Ziffern.",
            ),
        },
        "it": {
            "email": (
                "Ecco una semplice funzione Python che controlla se una stringa sembra un "
                "indirizzo email:",
                r"`[\w.+-]+` copre la parte prima della @ e `(\.[\w-]+)+` richiede almeno "
                r"un punto nel dominio. Nessuna regex valida tutti gli indirizzi possibili: "
                r"per esserne certi serve un'email di conferma.",
            ),
            "date": (
                "Puoi usare `re.findall` con un pattern di quattro cifre, trattino, due "
                "cifre, trattino e due cifre:",
                r"`\b` evita di trovare date in mezzo a numeri più lunghi. Per verificare "
                r"che la data esista davvero usa `datetime.date.fromisoformat`.",
            ),
            "phone": (
                "Il modo più semplice è eliminare tutto ciò che non è una cifra:",
                r"`\D` corrisponde a qualsiasi carattere che non sia una cifra. Per "
                r'mantenere il + iniziale usa `re.sub(r"[^\d+]", "", phone)`.',
            ),
            "fix": (
                "Il problema è il punto non escapato: in una regex `.` corrisponde a "
                "qualsiasi carattere, quindi `[0-9]+.[0-9]+` trova anche «1234-5678». Fai "
                "l'escape e richiedi due decimali:",
                r"`\.` corrisponde a un punto letterale e `\d{2}` a esattamente due cifre.",
            ),
        },
        "pt": {
            "email": (
                "Aqui vai uma função simples em Python que verifica se uma string parece "
                "um endereço de e-mail:",
                r"`[\w.+-]+` cobre a parte antes do @ e `(\.[\w-]+)+` exige pelo menos um "
                r"ponto no domínio. Nenhuma regex valida todos os endereços possíveis; para "
                r"ter certeza, mande um e-mail de confirmação.",
            ),
            "date": (
                "Você pode usar `re.findall` com um padrão de quatro dígitos, hífen, dois "
                "dígitos, hífen e dois dígitos:",
                r"`\b` evita pegar datas no meio de números maiores. Para conferir se a "
                r"data existe, use `datetime.date.fromisoformat`.",
            ),
            "phone": (
                "O jeito mais fácil é remover tudo que não for dígito:",
                r"`\D` casa com qualquer caractere que não seja dígito. Para manter o + "
                r'inicial, use `re.sub(r"[^\d+]", "", phone)`.',
            ),
            "fix": (
                "O problema é o ponto sem escape: numa regex, `.` casa com qualquer "
                "caractere, por isso `[0-9]+.[0-9]+` também pega \"1234-5678\". Escape o "
                "ponto e exija duas casas decimais:",
                r"`\.` casa com um ponto literal e `\d{2}` com exatamente dois dígitos.",
            ),
        },
    },
    "followups": {
        "en": [
            ("What does the r before the string mean?",
             r"""It makes it a raw string: backslashes are kept as they are instead of being """
             r"""treated as escape sequences. Without it you'd have to write `"\\d"` """
             r"""instead of `r"\d"`."""),
            ("Can you also make it case-insensitive?",
             r"`\w` and `\d` aren't affected by case, so the pattern already works for "
             r"upper- and lower-case input. If you add letters to a pattern explicitly, pass "
             r"`re.IGNORECASE` as the flags argument: `re.compile(pattern, re.IGNORECASE)`."),
            ("How would I test this with pytest?",
             "Put the pattern in a module and add a parametrised test:\n\n"
             "```python\nimport re\nimport pytest\n\nfrom mymodule import PATTERN\n\n"
             "@pytest.mark.parametrize(\"value, expected\", [\n"
             "    (\"a match\", True),\n    (\"no match\", False),\n])\n"
             "def test_pattern(value, expected):\n"
             "    assert bool(re.search(PATTERN, value)) == expected\n```\n\n"
             "Replace the two example values with real cases and run `pytest -q`."),
        ],
        "es": [
            ("¿Qué significa la r delante de la cadena?",
             r'Indica una cadena «raw»: las barras invertidas se mantienen tal cual. Sin '
             r'ella tendrías que escribir `"\\d"` en lugar de `r"\d"`.'),
            ("¿Y cómo lo hago sin distinguir mayúsculas?",
             "Pasa `re.IGNORECASE` como flag: `re.compile(patron, re.IGNORECASE)`."),
        ],
        "fr": [
            ("Que signifie le r devant la chaîne ?",
             r"C'est une chaîne brute (raw) : les antislashs sont conservés tels quels. "
             r'Sans le r, il faudrait écrire `"\\d"` au lieu de `r"\d"`.'),
            ("Et pour ignorer la casse ?",
             "Passez `re.IGNORECASE` en option : `re.compile(motif, re.IGNORECASE)`."),
        ],
        "de": [
            ("Was bedeutet das r vor dem String?",
             r"Das ist ein Raw-String: Backslashes bleiben unverändert. Ohne r müsstest du "
             r'`"\\d"` statt `r"\d"` schreiben.'),
            ("Und wie ignoriere ich Groß- und Kleinschreibung?",
             "Übergib `re.IGNORECASE` als Flag: `re.compile(muster, re.IGNORECASE)`."),
        ],
        "it": [
            ("Cosa significa la r davanti alla stringa?",
             r"È una stringa raw: i backslash restano così come sono. Senza la r dovresti "
             r'scrivere `"\\d"` invece di `r"\d"`.'),
            ("E per ignorare maiuscole e minuscole?",
             "Passa `re.IGNORECASE` come flag: `re.compile(pattern, re.IGNORECASE)`."),
        ],
        "pt": [
            ("O que significa o r antes da string?",
             r"É uma string raw: as barras invertidas ficam como estão. Sem o r você teria "
             r'que escrever `"\\d"` em vez de `r"\d"`.'),
            ("E para ignorar maiúsculas e minúsculas?",
             "Passe `re.IGNORECASE` como flag: `re.compile(padrao, re.IGNORECASE)`."),
        ],
    },
}

# Summaries. Documents per language as (document, bullet summary, one-line
# summary); prompts are templates over {doc}.
SUMMARISE = {
    "docs": {
        "en": [
            (
                "From 1 November, all employees may work remotely up to three days per "
                "week. Core hours are 10:00 to 15:00, during which everyone must be "
                "reachable on chat. Team leads will agree on one fixed office day per team "
                "so that meetings can be held in person. Equipment for home offices "
                "(monitor, keyboard, headset) can be ordered through the IT portal up to a "
                "budget of €400. Employees who want to work from another country for more "
                "than two weeks need approval from HR because of tax and insurance rules. "
                "The policy will be reviewed after six months based on a staff survey.",
                "- Up to 3 remote days per week from 1 November.\n"
                "- Core hours 10:00-15:00, must be reachable on chat.\n"
                "- One fixed office day per team.\n"
                "- Home-office equipment up to €400 via the IT portal.\n"
                "- Working abroad for more than 2 weeks needs HR approval.\n"
                "- Policy review after 6 months, based on a staff survey.",
                "From November staff can work remotely up to three days a week, with core "
                "hours, one team office day, a €400 equipment budget and HR approval needed "
                "for working abroad.",
            ),
            (
                "The city council approved a plan on Tuesday to build 45 kilometres of new "
                "protected bike lanes over the next three years. The €18 million project "
                "will connect the main train station with the university campus and the new "
                "business district in the east. Around 600 on-street parking spaces will be "
                "removed, which local shop owners criticised, fearing fewer customers. The "
                "council argues that studies from other cities show cyclists visit local "
                "shops more often than drivers. Construction of the first section is "
                "scheduled to start next spring. Residents can comment on the detailed "
                "route online until the end of the month.",
                "- Council approved 45 km of protected bike lanes over 3 years (€18 million).\n"
                "- Links the main station, the university and the eastern business district.\n"
                "- About 600 parking spaces will go; shop owners are worried, the council "
                "cites studies saying cyclists shop locally more often.\n"
                "- Work starts next spring; residents can comment on the route online until "
                "the end of the month.",
                "The council approved €18 million for 45 km of protected bike lanes, "
                "removing 600 parking spaces despite shop owners' concerns.",
            ),
            (
                "Notes from the product meeting, 6 October. Attendees: Maria, Tom, Aisha, "
                "Luca. The mobile app release is delayed by one week because the payment "
                "provider changed its API. Tom will finish the migration by Thursday. Aisha "
                "presented the results of the checkout survey: 38% of users who abandoned "
                "the cart said shipping costs were shown too late. The team agreed to "
                "display shipping costs on the product page starting with the next release. "
                "Luca raised concerns about server costs, which rose 20% last month; he will "
                "prepare a breakdown for the next meeting. Next meeting: 13 October.",
                "- App release delayed one week due to the payment provider's API change; "
                "Tom finishes the migration by Thursday.\n"
                "- Checkout survey: 38% of cart abandoners said shipping costs appear too "
                "late, so they will be shown on the product page from the next release.\n"
                "- Server costs up 20%; Luca will bring a breakdown.\n"
                "- Next meeting: 13 October.",
                "The app release slips a week for a payment API change, shipping costs will "
                "move to the product page, and Luca will analyse the 20% rise in server costs.",
            ),
            (
                "All electronic products sold by ShopNow come with a two-year warranty "
                "starting from the date of delivery. The warranty covers manufacturing "
                "defects but not damage caused by accidents, misuse, water or unauthorised "
                "repairs. To make a claim, customers must provide the order number and a "
                "description of the fault; photos or videos may be requested. ShopNow will "
                "repair the product, replace it or, if neither is possible, refund the "
                "purchase price. Repairs usually take 10 to 15 business days. Batteries are "
                "covered for one year if their capacity drops below 70% of the original.",
                "- Electronics have a 2-year warranty from delivery.\n"
                "- Covers manufacturing defects, not accidents, misuse, water damage or "
                "unauthorised repairs.\n"
                "- Claims need the order number and a fault description (photos/videos may "
                "be requested).\n"
                "- ShopNow repairs, replaces or refunds; repairs take 10-15 business days.\n"
                "- Batteries: 1 year, if capacity falls below 70%.",
                "Electronics have a two-year warranty for manufacturing defects (one year "
                "for batteries), handled by repair, replacement or refund.",
            ),
        ],
        "es": [
            (
                "A partir del 1 de noviembre, la biblioteca municipal ampliará su horario: "
                "abrirá de lunes a sábado de 8:00 a 21:00 y los domingos por la mañana. "
                "Además, se podrán tomar prestados hasta diez libros a la vez durante cuatro "
                "semanas, en lugar de tres. La sala de estudio se reformará en enero y "
                "permanecerá cerrada durante dos semanas; mientras tanto, los estudiantes "
                "podrán usar el centro cívico del barrio. El carné de la biblioteca seguirá "
                "siendo gratuito para todos los vecinos.",
                "- Desde el 1 de noviembre: de lunes a sábado de 8:00 a 21:00 y domingos por la mañana.\n"
                "- Préstamo de hasta 10 libros durante 4 semanas (antes 3).\n"
                "- La sala de estudio cierra dos semanas en enero por obras; alternativa: el centro cívico.\n"
                "- El carné sigue siendo gratuito.",
                "La biblioteca amplía horario y préstamos desde noviembre y cerrará la sala "
                "de estudio dos semanas en enero.",
            ),
            (
                "Acta de la reunión de equipo del lunes: el lanzamiento de la nueva web se "
                "retrasa dos semanas porque faltan las traducciones al portugués. Laura se "
                "encargará de contratar a un traductor externo antes del viernes. Las ventas "
                "de septiembre subieron un 12 % respecto a agosto, sobre todo gracias a la "
                "campaña de vuelta al cole. Se decidió probar el envío gratuito a partir de "
                "40 € durante el mes de noviembre. La próxima reunión será el 20 de octubre.",
                "- La nueva web se retrasa dos semanas por las traducciones al portugués; "
                "Laura contratará un traductor antes del viernes.\n"
                "- Ventas de septiembre: +12 % frente a agosto, gracias a la campaña de vuelta al cole.\n"
                "- En noviembre se probará el envío gratis desde 40 €.\n"
                "- Próxima reunión: 20 de octubre.",
                "La web se retrasa dos semanas, las ventas suben un 12 % y en noviembre se "
                "prueba el envío gratis desde 40 €.",
            ),
        ],
        "fr": [
            (
                "À partir du 1er novembre, la piscine municipale sera fermée pour travaux "
                "pendant trois mois. La rénovation comprend le remplacement du système de "
                "chauffage et la création d'un bassin pour les enfants. Les abonnements en "
                "cours seront prolongés automatiquement de la durée de la fermeture. Pendant "
                "les travaux, les clubs de natation pourront s'entraîner à la piscine de la "
                "commune voisine, avec une navette gratuite le mercredi et le samedi. La "
                "réouverture est prévue début février.",
                "- Piscine fermée 3 mois pour travaux à partir du 1er novembre.\n"
                "- Nouveau chauffage et création d'un bassin pour enfants.\n"
                "- Abonnements prolongés automatiquement.\n"
                "- Clubs accueillis dans la commune voisine, navette gratuite mercredi et samedi.\n"
                "- Réouverture prévue début février.",
                "La piscine ferme trois mois pour rénovation, les abonnements sont prolongés "
                "et les clubs s'entraînent dans la commune voisine.",
            ),
            (
                "Compte rendu de la réunion du 7 octobre : le service client a reçu 30 % de "
                "demandes en plus en septembre, surtout à propos des délais de livraison. "
                "Pour y répondre, deux intérimaires seront embauchés jusqu'à fin décembre. "
                "Julien propose d'ajouter une FAQ sur le suivi des colis, ce qui a été "
                "validé. Le nouveau logiciel de tickets sera testé par l'équipe de Lyon "
                "avant d'être déployé partout en janvier.",
                "- Demandes au service client : +30 % en septembre, surtout sur les délais de livraison.\n"
                "- Deux intérimaires embauchés jusqu'à fin décembre.\n"
                "- Une FAQ sur le suivi des colis sera ajoutée.\n"
                "- Nouveau logiciel de tickets testé à Lyon, déploiement général en janvier.",
                "Face à 30 % de demandes en plus, le service client recrute deux "
                "intérimaires, ajoute une FAQ et teste un nouveau logiciel de tickets.",
            ),
        ],
        "de": [
            (
                "Ab dem 1. November gelten neue Öffnungszeiten für das Bürgeramt: Montag bis "
                "Donnerstag von 8 bis 18 Uhr, freitags von 8 bis 13 Uhr. Termine müssen "
                "künftig online gebucht werden; spontane Besuche sind nur noch für Notfälle "
                "möglich. Personalausweise und Reisepässe können zusätzlich in zwei "
                "Stadtteilbüros beantragt werden. Die Gebühren bleiben unverändert. Wer "
                "keinen Internetzugang hat, kann Termine weiterhin telefonisch vereinbaren.",
                "- Neue Öffnungszeiten ab 1. November: Mo-Do 8-18 Uhr, Fr 8-13 Uhr.\n"
                "- Termine nur noch online (telefonisch für Menschen ohne Internet), spontan "
                "nur in Notfällen.\n"
                "- Ausweise und Pässe auch in zwei Stadtteilbüros.\n"
                "- Gebühren unverändert.",
                "Das Bürgeramt hat ab November neue Öffnungszeiten und vergibt Termine fast "
                "nur noch online.",
            ),
            (
                "Protokoll der Teambesprechung vom 8. Oktober: Die Umstellung auf das neue "
                "Lagerverwaltungssystem ist zu 80 % abgeschlossen, der Rest folgt bis Ende "
                "Oktober. Wegen der hohen Nachfrage im Weihnachtsgeschäft werden ab November "
                "samstags Zusatzschichten eingeführt. Stefan kümmert sich um den "
                "Schichtplan. Die Retourenquote ist im September auf 9 % gesunken. Nächster "
                "Termin: 22. Oktober.",
                "- Neues Lagerverwaltungssystem zu 80 % umgestellt, Rest bis Ende Oktober.\n"
                "- Ab November Samstags-Zusatzschichten fürs Weihnachtsgeschäft; Stefan macht "
                "den Schichtplan.\n"
                "- Retourenquote im September auf 9 % gesunken.\n"
                "- Nächster Termin: 22. Oktober.",
                "Die Systemumstellung ist fast fertig, ab November gibt es Samstagsschichten "
                "und die Retourenquote sinkt auf 9 %.",
            ),
        ],
        "it": [
            (
                "Dal 1° novembre il servizio di raccolta dei rifiuti cambierà calendario: la "
                "plastica sarà ritirata il martedì, la carta il giovedì e l'umido tre volte "
                "a settimana. I nuovi contenitori verranno consegnati a domicilio entro metà "
                "ottobre. Chi non li riceve può ritirarli presso l'isola ecologica con la "
                "tessera sanitaria. Le multe per chi non rispetta la differenziata "
                "aumenteranno da 50 a 100 euro.",
                "- Nuovo calendario dal 1° novembre: plastica il martedì, carta il giovedì, "
                "umido tre volte a settimana.\n"
                "- Nuovi contenitori consegnati a casa entro metà ottobre (altrimenti "
                "all'isola ecologica con la tessera sanitaria).\n"
                "- Multe per la differenziata da 50 a 100 euro.",
                "Dal 1° novembre cambia il calendario della raccolta, arrivano nuovi "
                "contenitori e le multe raddoppiano a 100 euro.",
            ),
            (
                "Verbale della riunione del 9 ottobre: le vendite online sono cresciute del "
                "15 % nel terzo trimestre, mentre quelle nei negozi sono rimaste stabili. Si "
                "è deciso di aprire un punto di ritiro a Milano entro dicembre. Giulia "
                "preparerà un'analisi dei costi di spedizione. Il nuovo catalogo invernale "
                "sarà online dal 20 ottobre.",
                "- Vendite online +15 % nel terzo trimestre, negozi stabili.\n"
                "- Nuovo punto di ritiro a Milano entro dicembre.\n"
                "- Giulia analizzerà i costi di spedizione.\n"
                "- Catalogo invernale online dal 20 ottobre.",
                "Online +15 %, apertura di un punto di ritiro a Milano entro dicembre e "
                "catalogo invernale dal 20 ottobre.",
            ),
        ],
        "pt": [
            (
                "A partir de 1º de novembro, a academia do condomínio passará a funcionar "
                "das 6h às 23h, todos os dias. O uso continuará gratuito para os moradores, "
                "mas será preciso reservar horário pelo aplicativo, com limite de uma hora "
                "por pessoa. Os aparelhos de musculação serão trocados em dezembro, e a "
                "academia ficará fechada por três dias durante a instalação. Visitantes só "
                "poderão entrar acompanhados de um morador.",
                "- A partir de 1º de novembro: aberta todos os dias das 6h às 23h.\n"
                "- Continua gratuita, mas com reserva pelo aplicativo (máx. 1 hora por pessoa).\n"
                "- Troca dos aparelhos em dezembro, com 3 dias de fechamento.\n"
                "- Visitantes só acompanhados de um morador.",
                "A academia do condomínio amplia o horário, passa a exigir reserva pelo app "
                "e fecha três dias em dezembro para trocar os aparelhos.",
            ),
            (
                "Ata da reunião de 10 de outubro: o número de devoluções caiu 8 % depois da "
                "mudança nas fotos dos produtos. A equipe vai testar um chat ao vivo no site "
                "durante novembro. Pedro ficou responsável por escolher o fornecedor até o "
                "fim do mês. A campanha de Black Friday começará uma semana antes, no dia 21 "
                "de novembro.",
                "- Devoluções caíram 8 % após a troca das fotos dos produtos.\n"
                "- Teste de chat ao vivo no site em novembro; Pedro escolhe o fornecedor até "
                "o fim do mês.\n"
                "- Black Friday começa uma semana antes, em 21 de novembro.",
                "As devoluções caíram 8 %, haverá teste de chat ao vivo em novembro e a "
                "Black Friday começa em 21 de novembro.",
            ),
        ],
    },
    "prompts": {
        "en": [
            "Can you summarise this for me?\n\n{doc}",
            "Summarize the following text in a few bullet points:\n\n{doc}",
            "tl;dr please\n\n{doc}",
            "I don't have time to read this, what are the key points?\n\n{doc}",
            "Give me a short summary of this:\n{doc}",
            "Please summarise:\n\n{doc}",
            "{doc}\n\nCan you sum that up?",
            "Summarise this text for my manager, max 5 bullet points.\n\n{doc}",
            "What's the gist of this?\n\n{doc}",
            "Could you condense this into a short summary?\n\n{doc}",
        ],
        "es": [
            "¿Me puedes resumir esto?\n\n{doc}",
            "Resume el siguiente texto en unos puntos:\n\n{doc}",
            "No tengo tiempo de leerlo, ¿cuáles son los puntos clave?\n\n{doc}",
            "Hazme un resumen corto de esto:\n{doc}",
            "{doc}\n\n¿Me lo resumes?",
            "Resumen, por favor:\n\n{doc}",
            "Resume este texto para mi jefe, máximo 5 puntos.\n\n{doc}",
            "¿Cuál es la idea principal de esto?\n\n{doc}",
        ],
        "fr": [
            "Tu peux me résumer ça ?\n\n{doc}",
            "Résume le texte suivant en quelques points :\n\n{doc}",
            "Je n'ai pas le temps de lire, quels sont les points clés ?\n\n{doc}",
            "Fais-moi un résumé court de ceci :\n{doc}",
            "{doc}\n\nTu peux résumer ?",
            "Résumé, s'il te plaît :\n\n{doc}",
            "Résume ce texte pour mon chef, 5 points maximum.\n\n{doc}",
            "C'est quoi l'essentiel de ce texte ?\n\n{doc}",
        ],
        "de": [
            "Kannst du mir das zusammenfassen?\n\n{doc}",
            "Fasse den folgenden Text in ein paar Stichpunkten zusammen:\n\n{doc}",
            "Keine Zeit zum Lesen, was sind die wichtigsten Punkte?\n\n{doc}",
            "Gib mir eine kurze Zusammenfassung davon:\n{doc}",
            "{doc}\n\nKannst du das kurz zusammenfassen?",
            "Zusammenfassung bitte:\n\n{doc}",
            "Fass den Text für meine Chefin zusammen, maximal 5 Punkte.\n\n{doc}",
            "Was ist das Wesentliche hier?\n\n{doc}",
        ],
        "it": [
            "Mi fai un riassunto di questo?\n\n{doc}",
            "Riassumi il testo seguente in qualche punto:\n\n{doc}",
            "Non ho tempo di leggerlo, quali sono i punti chiave?\n\n{doc}",
            "Fammi un breve riassunto di questo:\n{doc}",
            "{doc}\n\nMe lo riassumi?",
            "Riassunto, per favore:\n\n{doc}",
            "Riassumi questo testo per il mio capo, massimo 5 punti.\n\n{doc}",
            "Qual è il succo di questo testo?\n\n{doc}",
        ],
        "pt": [
            "Pode resumir isso para mim?\n\n{doc}",
            "Resuma o texto a seguir em alguns tópicos:\n\n{doc}",
            "Não tenho tempo de ler, quais são os pontos principais?\n\n{doc}",
            "Me faz um resumo curto disso:\n{doc}",
            "{doc}\n\nConsegue resumir?",
            "Resumo, por favor:\n\n{doc}",
            "Resuma este texto para o meu chefe, no máximo 5 tópicos.\n\n{doc}",
            "Qual é a ideia principal disso?\n\n{doc}",
        ],
    },
    # (core, extra) over {summary} and {one_liner}.
    "answers": {
        "en": ("Summary:\n\n{summary}", "In one sentence: {one_liner}"),
        "es": ("Resumen:\n\n{summary}", "En una frase: {one_liner}"),
        "fr": ("Résumé :\n\n{summary}", "En une phrase : {one_liner}"),
        "de": ("Zusammenfassung:\n\n{summary}", "In einem Satz: {one_liner}"),
        "it": ("Riassunto:\n\n{summary}", "In una frase: {one_liner}"),
        "pt": ("Resumo:\n\n{summary}", "Em uma frase: {one_liner}"),
    },
    # What users write instead of pasting the document again.
    "rephrase": {
        "en": [
            "I asked you to summarise the text above. Just the key points please.",
            "Summarise the text I pasted, in 3-5 bullet points.",
            "no, a SUMMARY of the text above",
        ],
        "es": [
            "Te pedí que resumieras el texto de arriba. Solo los puntos clave.",
            "Resume el texto que pegué, en 3-5 puntos.",
        ],
        "fr": [
            "Je t'ai demandé de résumer le texte ci-dessus. Juste les points clés.",
            "Résume le texte que j'ai collé, en 3 à 5 points.",
        ],
        "de": [
            "Ich wollte eine Zusammenfassung des Textes oben. Nur die wichtigsten Punkte.",
            "Fass den eingefügten Text in 3-5 Stichpunkten zusammen.",
        ],
        "it": [
            "Ti ho chiesto di riassumere il testo qui sopra. Solo i punti chiave.",
            "Riassumi il testo che ho incollato in 3-5 punti.",
        ],
        "pt": [
            "Pedi para resumir o texto acima. Só os pontos principais.",
            "Resume o texto que eu colei em 3 a 5 tópicos.",
        ],
    },
    "followups": {
        "en": [
            ("Can you make it even shorter, one sentence?", "{one_liner}"),
            ("Can you turn that into an email to my team?",
             "Subject: Quick summary\n\nHi all,\n\nhere's a short overview: {one_liner}\n\n"
             "Let me know if you have any questions.\n\nBest regards"),
            ("What would be good follow-up questions to ask about this?",
             "A few ideas:\n- What is the exact timeline, and who is responsible for each step?\n"
             "- What does it cost, and who pays?\n"
             "- How will success be measured, and when will it be reviewed?"),
        ],
        "es": [
            ("¿Puedes dejarlo en una sola frase?", "{one_liner}"),
            ("¿Me lo conviertes en un correo para el equipo?",
             "Asunto: Resumen\n\nHola a todos:\n\nos dejo un breve resumen: {one_liner}\n\n"
             "Cualquier duda, me decís.\n\nUn saludo"),
        ],
        "fr": [
            ("Tu peux le réduire à une seule phrase ?", "{one_liner}"),
            ("Tu peux en faire un e-mail pour l'équipe ?",
             "Objet : Résumé\n\nBonjour à tous,\n\nen bref : {one_liner}\n\n"
             "N'hésitez pas si vous avez des questions.\n\nBonne journée"),
        ],
        "de": [
            ("Geht das auch in einem Satz?", "{one_liner}"),
            ("Kannst du daraus eine E-Mail ans Team machen?",
             "Betreff: Kurze Zusammenfassung\n\nHallo zusammen,\n\nhier das Wichtigste in "
             "Kürze: {one_liner}\n\nBei Fragen meldet euch gern.\n\nViele Grüße"),
        ],
        "it": [
            ("Puoi ridurlo a una sola frase?", "{one_liner}"),
            ("Me lo trasformi in un'email per il team?",
             "Oggetto: Riepilogo\n\nCiao a tutti,\n\nin breve: {one_liner}\n\n"
             "Per qualsiasi domanda scrivetemi.\n\nUn saluto"),
        ],
        "pt": [
            ("Dá para resumir em uma frase só?", "{one_liner}"),
            ("Pode transformar isso num e-mail para a equipe?",
             "Assunto: Resumo\n\nOi, pessoal,\n\nem resumo: {one_liner}\n\n"
             "Qualquer dúvida, me avisem.\n\nAbraços"),
        ],
    },
}

# Recipes: per language a few dishes, each with its prompts and its recipe as
# (core, extra).
RECIPE = {
    "dishes": {
        "en": {
            "pancakes": {
                "prompts": [
                    "How do I make fluffy pancakes?",
                    "Give me a simple pancake recipe for 4 people.",
                    "pancake recipe without buttermilk?",
                ],
                "answer": (
                    "Fluffy pancakes (about 12):\n\n"
                    "Ingredients: 200 g flour, 2 tsp baking powder, 1 tbsp sugar, a pinch of "
                    "salt, 2 eggs, 300 ml milk, 30 g melted butter.\n\n"
                    "1. Mix the dry ingredients in a bowl.\n"
                    "2. Whisk eggs, milk and melted butter, then stir into the dry mix until "
                    "just combined; a few lumps are fine.\n"
                    "3. Let the batter rest for 10 minutes.\n"
                    "4. Cook ladlefuls in a lightly buttered pan over medium heat until "
                    "bubbles appear, then flip and cook 1 more minute.",
                    "The secret to fluffy pancakes is not overmixing the batter and letting "
                    "the baking powder work while it rests. No buttermilk needed, but if you "
                    "have some, swap it for half of the milk.",
                ),
            },
            "carbonara": {
                "prompts": [
                    "What's an authentic carbonara recipe?",
                    "How do I make spaghetti carbonara without scrambling the eggs?",
                    "carbonara for two, what do I need?",
                ],
                "answer": (
                    "Spaghetti carbonara (2 servings):\n\n"
                    "Ingredients: 200 g spaghetti, 100 g guanciale (or pancetta), 2 egg "
                    "yolks + 1 whole egg, 50 g grated pecorino romano, black pepper.\n\n"
                    "1. Cook the spaghetti in salted water.\n"
                    "2. Fry the diced guanciale in a dry pan until crisp, then turn off the heat.\n"
                    "3. Whisk the eggs with the pecorino and plenty of pepper.\n"
                    "4. Add the drained pasta to the pan with a splash of pasta water, then "
                    "stir in the egg mixture off the heat until creamy.",
                    "The key is to keep the pan off the heat when you add the eggs: the "
                    "warmth of the pasta is enough to thicken them without scrambling. "
                    "Authentic carbonara contains no cream or garlic.",
                ),
            },
            "chili": {
                "prompts": [
                    "Can you give me a recipe for vegetarian chili?",
                    "I have beans, tomatoes and peppers. How do I make a veggie chili?",
                    "Easy vegetarian chili for a weeknight?",
                ],
                "answer": (
                    "Vegetarian chili (4 servings):\n\n"
                    "Ingredients: 1 onion, 2 garlic cloves, 1 red pepper, 2 tins kidney "
                    "beans, 1 tin black beans, 2 tins chopped tomatoes, 1 tbsp chilli powder, "
                    "1 tsp cumin, 1 tsp smoked paprika, salt.\n\n"
                    "1. Fry the chopped onion, garlic and pepper in oil for 5 minutes.\n"
                    "2. Add the spices and cook for 1 minute.\n"
                    "3. Add the tomatoes and drained beans, season and simmer for 25-30 minutes.\n"
                    "4. Serve with rice, sour cream or avocado.",
                    "A square of dark chocolate or a spoonful of cocoa stirred in at the end "
                    "gives the chili more depth. It tastes even better the next day and "
                    "freezes well.",
                ),
            },
            "banana_bread": {
                "prompts": [
                    "I have three overripe bananas, how do I make banana bread?",
                    "What's a good banana bread recipe?",
                    "banana bread recipe, moist, not too sweet",
                ],
                "answer": (
                    "Banana bread (1 loaf):\n\n"
                    "Ingredients: 3 very ripe bananas, 75 g melted butter, 100 g brown "
                    "sugar, 1 egg, 1 tsp vanilla, 1 tsp baking soda, a pinch of salt, 190 g "
                    "flour.\n\n"
                    "1. Preheat the oven to 175 °C and line a loaf tin.\n"
                    "2. Mash the bananas and mix in the butter, sugar, egg and vanilla.\n"
                    "3. Stir in the baking soda, salt and flour until just combined.\n"
                    "4. Bake for 55-60 minutes, until a skewer comes out clean.",
                    "For a moist loaf, use bananas with lots of brown spots and don't "
                    "overbake. You can reduce the sugar to 70 g if you prefer it less sweet, "
                    "or add a handful of walnuts.",
                ),
            },
        },
        "es": {
            "tortilla": {
                "prompts": [
                    "¿Cómo hago una tortilla de patatas jugosa?",
                    "Receta de tortilla española para 4 personas",
                    "tortilla de patata con cebolla, ¿cómo se hace?",
                    "¿Cuántos huevos lleva una tortilla de patatas?",
                ],
                "answer": (
                    "Tortilla de patatas (4 personas):\n\n"
                    "Ingredientes: 5 huevos, 600 g de patatas, 1 cebolla, aceite de oliva y sal.\n\n"
                    "1. Pela y corta las patatas y la cebolla en láminas finas.\n"
                    "2. Confítalas en abundante aceite a fuego medio unos 20 minutos, sin que se doren.\n"
                    "3. Escúrrelas y mézclalas con los huevos batidos y sal; deja reposar 5 minutos.\n"
                    "4. Cuaja la mezcla en una sartén con un poco de aceite, dale la vuelta "
                    "con un plato y cocina 1-2 minutos más.",
                    "Para que quede jugosa, no la cuajes demasiado: el centro debe quedar "
                    "algo líquido al darle la vuelta.",
                ),
            },
            "gazpacho": {
                "prompts": [
                    "¿Me das una receta de gazpacho andaluz?",
                    "¿Cómo se hace el gazpacho?",
                    "receta de gazpacho fácil",
                    "Quiero hacer gazpacho para 6, ¿qué necesito?",
                ],
                "answer": (
                    "Gazpacho andaluz (4 personas):\n\n"
                    "Ingredientes: 1 kg de tomates maduros, 1 pimiento verde, 1 pepino, 1 "
                    "diente de ajo, 50 g de pan del día anterior, 80 ml de aceite de oliva, "
                    "2 cucharadas de vinagre de Jerez, sal.\n\n"
                    "1. Trocea las verduras y remoja el pan.\n"
                    "2. Tritúralo todo con el vinagre y la sal.\n"
                    "3. Añade el aceite poco a poco mientras trituras.\n"
                    "4. Cuela si lo quieres fino y enfría al menos 2 horas.",
                    "Sirve bien frío, con picatostes o pepino y pimiento picados por encima. "
                    "Para 6 personas, multiplica las cantidades por 1,5.",
                ),
            },
        },
        "fr": {
            "crepes": {
                "prompts": [
                    "Comment faire une pâte à crêpes ?",
                    "Recette de crêpes pour 4 personnes ?",
                    "pâte à crêpes sans grumeaux, une astuce ?",
                    "Combien de temps laisser reposer la pâte à crêpes ?",
                ],
                "answer": (
                    "Crêpes (une quinzaine) :\n\n"
                    "Ingrédients : 250 g de farine, 4 œufs, 50 cl de lait, 1 pincée de sel, "
                    "1 cuillère à soupe de sucre, 50 g de beurre fondu.\n\n"
                    "1. Mettez la farine dans un saladier et creusez un puits.\n"
                    "2. Ajoutez les œufs, puis le lait petit à petit en fouettant pour éviter "
                    "les grumeaux.\n"
                    "3. Incorporez le sel, le sucre et le beurre fondu.\n"
                    "4. Laissez reposer 1 heure, puis faites cuire dans une poêle chaude "
                    "légèrement beurrée.",
                    "Astuce : si la pâte a des grumeaux, passez-la au chinois ou donnez un "
                    "coup de mixeur. Une cuillère de rhum ou de fleur d'oranger parfume très "
                    "bien la pâte.",
                ),
            },
            "quiche": {
                "prompts": [
                    "Tu as une recette de quiche lorraine ?",
                    "Comment réussir une quiche lorraine ?",
                    "recette de quiche facile pour ce soir",
                    "Quelle quantité de crème pour une quiche lorraine ?",
                ],
                "answer": (
                    "Quiche lorraine (6 personnes) :\n\n"
                    "Ingrédients : 1 pâte brisée, 200 g de lardons, 3 œufs, 20 cl de crème "
                    "fraîche, 20 cl de lait, sel, poivre, muscade.\n\n"
                    "1. Préchauffez le four à 180 °C et foncez un moule avec la pâte.\n"
                    "2. Faites dorer les lardons à la poêle et répartissez-les sur la pâte.\n"
                    "3. Battez les œufs avec la crème, le lait, le poivre et une pincée de muscade.\n"
                    "4. Versez sur les lardons et enfournez 35 à 40 minutes.",
                    "La quiche lorraine traditionnelle ne contient pas de fromage. Salez peu : "
                    "les lardons le sont déjà.",
                ),
            },
        },
        "de": {
            "pfannkuchen": {
                "prompts": [
                    "Wie mache ich Pfannkuchen?",
                    "Rezept für Pfannkuchen für 4 Personen?",
                    "pfannkuchenteig ohne klumpen, wie?",
                    "Wie lange muss Pfannkuchenteig ruhen?",
                ],
                "answer": (
                    "Pfannkuchen (ca. 8 Stück):\n\n"
                    "Zutaten: 250 g Mehl, 3 Eier, 500 ml Milch, 1 Prise Salz, 1 EL Zucker, "
                    "Butter zum Braten.\n\n"
                    "1. Mehl, Salz und Zucker in eine Schüssel geben.\n"
                    "2. Eier und Milch nach und nach unterrühren, bis ein glatter Teig entsteht.\n"
                    "3. Den Teig 20 Minuten ruhen lassen.\n"
                    "4. In einer Pfanne mit etwas Butter portionsweise von beiden Seiten "
                    "goldbraun backen.",
                    "Wenn du Klumpen hast, hilft ein Schneebesen oder kurz der Pürierstab. "
                    "Für extra fluffige Pfannkuchen einen Teil der Milch durch Mineralwasser "
                    "ersetzen.",
                ),
            },
            "kartoffelsalat": {
                "prompts": [
                    "Hast du ein Rezept für schwäbischen Kartoffelsalat?",
                    "Wie mache ich Kartoffelsalat ohne Mayo?",
                    "kartoffelsalat rezept für eine grillparty",
                    "Welche Kartoffeln nimmt man für Kartoffelsalat?",
                ],
                "answer": (
                    "Schwäbischer Kartoffelsalat (4 Personen):\n\n"
                    "Zutaten: 1 kg festkochende Kartoffeln, 1 Zwiebel, 250 ml heiße "
                    "Gemüsebrühe, 4 EL Essig, 1 TL Senf, 4 EL Öl, Salz, Pfeffer, Schnittlauch.\n\n"
                    "1. Kartoffeln kochen, pellen und noch warm in Scheiben schneiden.\n"
                    "2. Die gewürfelte Zwiebel in der Brühe kurz aufkochen, Essig und Senf einrühren.\n"
                    "3. Die heiße Marinade über die Kartoffeln gießen und 30 Minuten ziehen lassen.\n"
                    "4. Öl unterheben, abschmecken und mit Schnittlauch bestreuen.",
                    "Wichtig sind festkochende Kartoffeln und die warme Brühe: So saugen die "
                    "Scheiben die Marinade auf und der Salat wird schön saftig, ganz ohne "
                    "Mayonnaise.",
                ),
            },
        },
        "it": {
            "carbonara": {
                "prompts": [
                    "Qual è la ricetta originale della carbonara?",
                    "Come faccio la carbonara senza che l'uovo diventi una frittata?",
                    "carbonara per 4 persone, dosi?",
                    "Nella carbonara ci va la panna?",
                ],
                "answer": (
                    "Carbonara (4 persone):\n\n"
                    "Ingredienti: 400 g di spaghetti, 150 g di guanciale, 4 tuorli e 1 uovo "
                    "intero, 80 g di pecorino romano grattugiato, pepe nero.\n\n"
                    "1. Cuoci la pasta in acqua salata.\n"
                    "2. Rosola il guanciale a listarelle in padella senza olio finché è croccante.\n"
                    "3. Sbatti tuorli e uovo con il pecorino e abbondante pepe.\n"
                    "4. Scola la pasta, versala nella padella con il guanciale a fuoco spento "
                    "e manteca con la crema di uova e un po' di acqua di cottura.",
                    "Il segreto è mantecare a fuoco spento: il calore della pasta basta a "
                    "rendere cremosa la salsa senza fare la frittata. Nella ricetta "
                    "tradizionale non ci sono né panna né aglio.",
                ),
            },
            "tiramisu": {
                "prompts": [
                    "Mi dai la ricetta del tiramisù?",
                    "Come si fa il tiramisù classico?",
                    "tiramisù senza uova crude si può fare?",
                    "Quanti savoiardi servono per un tiramisù da 6 persone?",
                ],
                "answer": (
                    "Tiramisù (6 persone):\n\n"
                    "Ingredienti: 500 g di mascarpone, 4 uova freschissime, 100 g di "
                    "zucchero, 300 g di savoiardi, 300 ml di caffè espresso freddo, cacao amaro.\n\n"
                    "1. Monta i tuorli con lo zucchero, poi aggiungi il mascarpone.\n"
                    "2. Monta gli albumi a neve e incorporali delicatamente.\n"
                    "3. Inzuppa velocemente i savoiardi nel caffè e fai uno strato in una pirofila.\n"
                    "4. Alterna crema e savoiardi, finisci con la crema e metti in frigo "
                    "almeno 4 ore. Spolvera di cacao prima di servire.",
                    "Se preferisci non usare uova crude, pastorizza i tuorli cuocendoli a "
                    "bagnomaria con lo zucchero fino a 82 °C, oppure sostituisci gli albumi "
                    "con panna montata.",
                ),
            },
        },
        "pt": {
            "brigadeiro": {
                "prompts": [
                    "Como faço brigadeiro?",
                    "Receita de brigadeiro de panela",
                    "brigadeiro pra festa, quantos rende uma lata?",
                    "Qual o ponto certo do brigadeiro?",
                ],
                "answer": (
                    "Brigadeiro (cerca de 25 unidades):\n\n"
                    "Ingredientes: 1 lata de leite condensado (395 g), 1 colher de sopa de "
                    "manteiga, 2 colheres de sopa de chocolate em pó, chocolate granulado.\n\n"
                    "1. Leve o leite condensado, a manteiga e o chocolate em pó ao fogo baixo.\n"
                    "2. Mexa sem parar por 10 a 15 minutos.\n"
                    "3. Está no ponto quando a massa desgruda do fundo da panela.\n"
                    "4. Deixe esfriar, unte as mãos com manteiga, enrole bolinhas e passe no granulado.",
                    "Para comer de colher (brigadeiro de panela), desligue o fogo um pouco "
                    "antes do ponto de enrolar, quando ainda estiver mais mole.",
                ),
            },
            "bolo_cenoura": {
                "prompts": [
                    "Tem uma receita de bolo de cenoura com cobertura de chocolate?",
                    "Como fazer bolo de cenoura fofinho?",
                    "bolo de cenoura no liquidificador, receita?",
                    "Quanto tempo de forno para bolo de cenoura?",
                ],
                "answer": (
                    "Bolo de cenoura (forma de 22 cm):\n\n"
                    "Ingredientes: 3 cenouras médias, 3 ovos, 240 ml de óleo, 2 xícaras de "
                    "açúcar, 2 xícaras de farinha de trigo, 1 colher de sopa de fermento em pó.\n\n"
                    "1. Bata no liquidificador as cenouras em pedaços, os ovos e o óleo.\n"
                    "2. Numa tigela, misture com o açúcar e a farinha; por último, o fermento.\n"
                    "3. Asse em forno preaquecido a 180 °C por 40 minutos.\n"
                    "4. Cobertura: 1 colher de manteiga, 3 colheres de chocolate em pó, 1 "
                    "xícara de açúcar e 5 colheres de leite, no fogo até engrossar.",
                    "O bolo fica fofinho se você não bater demais depois de colocar a "
                    "farinha. Faça o teste do palito antes de tirar do forno.",
                ),
            },
        },
    },
    "followups": {
        "en": [
            ("Can I make it ahead of time?",
             "Yes. Most of it can be prepared a day in advance: keep it covered in the "
             "fridge and reheat or finish it just before serving. Anything with raw egg is "
             "best finished at the last moment."),
            ("What can I serve with it?",
             "A simple green salad with a lemon dressing goes with almost everything. For a "
             "bigger meal, add some crusty bread or roasted vegetables."),
            ("Can I make it gluten-free?",
             "Yes: replace the flour or pasta with a gluten-free version (a 1:1 gluten-free "
             "flour blend works for batters and baking). Check that your stock, baking "
             "powder and any processed ingredients are labelled gluten-free."),
        ],
        "es": [
            ("¿Lo puedo preparar el día antes?",
             "Sí, se puede preparar con antelación y guardar tapado en la nevera. Sácalo "
             "un rato antes de servir."),
            ("¿Con qué lo acompaño?", "Una ensalada verde sencilla y un buen pan combinan con casi todo."),
        ],
        "fr": [
            ("Je peux la préparer la veille ?",
             "Oui, vous pouvez la préparer la veille et la garder au frais, bien couverte. "
             "Réchauffez-la doucement avant de servir si besoin."),
            ("Qu'est-ce que je peux servir avec ?",
             "Une salade verte avec une vinaigrette à la moutarde accompagne très bien ce plat."),
        ],
        "de": [
            ("Kann ich das am Vortag vorbereiten?",
             "Ja, das lässt sich gut am Vortag vorbereiten. Abgedeckt im Kühlschrank "
             "aufbewahren und vor dem Servieren kurz temperieren."),
            ("Was passt als Beilage dazu?", "Ein einfacher grüner Salat oder frisches Brot passt fast immer."),
        ],
        "it": [
            ("Posso prepararlo il giorno prima?",
             "Sì, puoi prepararlo in anticipo e conservarlo coperto in frigo. Tiralo fuori "
             "un po' prima di servire."),
            ("Cosa ci abbino?",
             "Dipende dall'occasione: con un primo basta un'insalata verde, con un dolce un "
             "caffè espresso è perfetto."),
        ],
        "pt": [
            ("Posso fazer no dia anterior?",
             "Pode sim. Guarde bem fechado na geladeira e tire um pouco antes de servir."),
            ("Dá para congelar?",
             "Dá, sim: embale bem e congele por até 2 meses. Descongele na geladeira de um "
             "dia para o outro."),
        ],
    },
}


# ---------------------------------------------------------------------------
# Generation.
# ---------------------------------------------------------------------------

TASK_INTENTS = ("translate", "code", "summarise", "recipe")


def fmt_time(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def fill(text, slots):
    """Replaces {name} for each slot; other braces (regex quantifiers) stay."""
    for name, value in slots.items():
        text = text.replace("{" + name + "}", value)
    return text


def ends_sentence(text):
    return text[-1:] in (".", "?", "!", "»", "“", '"', ")")


def join_sentences(a, b):
    return a + (" " if ends_sentence(a) else ". ") + b


def first_sentences(text, n):
    """The first n sentences (a full stop after a digit, as in "8. Oktober",
    ends none)."""
    return " ".join(re.split(r"(?<=[^\d\s][.!?])\s+(?=[A-ZÀ-Ý])", text)[:n])


class Conversation:
    """One conversation being written, message by message.

    quality[i] records what message i is worth to a user: "good", "ok" (good
    but only after a failure), "bad", "neutral" (hand-off, pleasantries,
    clarifying question) or None (system and user messages). It drives the
    explicit feedback and behaviour events; it is not written out."""

    def __init__(self, rng, cid, user_id, variant, lang, intent, start, with_system):
        self.rng = rng
        self.cid = cid
        self.user_id = user_id
        self.variant = variant
        self.lang = lang
        self.intent = intent
        self.ph = PHRASES[lang]
        self.messages = []
        self.quality = []
        self.times = []
        self.events = []
        self.t = start
        self.slots = {
            "order": "SN-%06d" % rng.between(100000, 999999),
            "carrier": rng.pick(CARRIERS),
            "days": str(rng.between(2, 5)),
            "n": str(rng.between(3, 25)),
        }
        self.order_known = False
        self.followups_left = None
        if with_system:
            self.messages.append({"role": "system", "content": SYSTEM_PROMPTS[variant]})
            self.quality.append(None)
            self.times.append(None)
        self.first = self.choose_first_prompt()

    # -- the request ------------------------------------------------------

    def choose_first_prompt(self):
        rng, lang, intent = self.rng, self.lang, self.intent
        if intent in SUPPORT:
            prompts = SUPPORT[intent]["prompts"][lang]
            self.prompt_index = rng.below(len(prompts))
            return self.support_prompt(prompts[self.prompt_index])
        if intent == "translate":
            items = TRANSLATE["items"][lang]
            self.item = rng.below(len(items))
            text, target, translation = items[self.item]
            self.slots["target"] = TRANSLATE["target_names"][lang][target]
            self.slots["translation"] = translation
            self.slots["text"] = text
            prompts = TRANSLATE["prompts"][lang]
            self.prompt_index = rng.below(len(prompts))
            return fill(prompts[self.prompt_index], self.slots)
        if intent == "code":
            prompts = CODE["prompts"][lang]
            self.prompt_index = rng.below(len(prompts))
            self.task = prompts[self.prompt_index][0]
            return prompts[self.prompt_index][1]
        if intent == "summarise":
            docs = SUMMARISE["docs"][lang]
            self.item = rng.below(len(docs))
            doc, summary, one_liner = docs[self.item]
            self.slots["summary"] = summary
            self.slots["one_liner"] = one_liner
            prompts = SUMMARISE["prompts"][lang]
            self.prompt_index = rng.below(len(prompts))
            return prompts[self.prompt_index].replace("{doc}", doc)
        if intent == "recipe":
            dishes = RECIPE["dishes"][lang]
            self.dish = rng.pick(list(dishes))
            prompts = dishes[self.dish]["prompts"]
            self.prompt_index = rng.below(len(prompts))
            return prompts[self.prompt_index]
        raise ValueError(intent)

    def support_prompt(self, template):
        if "{order}" in template:
            self.order_known = True
        return fill(template, self.slots)

    def other_index(self, n):
        """An index in [0, n) other than the first prompt's, when there is one."""
        if n < 2:
            return 0
        i = self.rng.below(n - 1)
        return i + 1 if i >= self.prompt_index else i

    def alt_prompt(self):
        """The same request in other words."""
        lang, intent = self.lang, self.intent
        if intent in SUPPORT:
            prompts = SUPPORT[intent]["prompts"][lang]
            return self.support_prompt(prompts[self.other_index(len(prompts))])
        if intent == "translate":
            prompts = TRANSLATE["prompts"][lang]
            return fill(prompts[self.other_index(len(prompts))], self.slots)
        if intent == "code":
            prompts = CODE["prompts"][lang]
            same = [i for i, (task, _) in enumerate(prompts) if task == self.task and i != self.prompt_index]
            return prompts[self.rng.pick(same)][1] if same else self.first
        if intent == "summarise":
            return self.rng.pick(SUMMARISE["rephrase"][lang])
        if intent == "recipe":
            prompts = RECIPE["dishes"][lang][self.dish]["prompts"]
            return prompts[self.other_index(len(prompts))]
        raise ValueError(intent)

    def rephrase(self):
        """A retry of the first request with high word overlap."""
        rng, ph = self.rng, self.ph
        if self.intent == "summarise":
            return rng.pick(SUMMARISE["rephrase"][self.lang])
        mode = rng.below(3)
        if mode == 0:
            return rng.pick(ph["rephrase_prefix"]) + self.first
        if mode == 1:
            return join_sentences(self.first, rng.pick(ph["rephrase_suffix"]))
        return self.alt_prompt()

    def frustration(self):
        rng, ph = self.rng, self.ph
        x = rng.random()
        if x < 0.45:
            return rng.pick(ph["frustration"])
        if x < 0.75 and self.intent != "summarise" and len(self.first) <= 90:
            shouted = self.first.upper().rstrip(".")
            return shouted + ("!!" if shouted.endswith(("?", "!")) else "!!!")
        return rng.pick(ph["shout"])

    # -- answers ------------------------------------------------------------

    def good_core(self):
        """The right answer as (core, extra)."""
        rng, lang, intent = self.rng, self.lang, self.intent
        if intent in SUPPORT:
            core, extra = rng.pick(SUPPORT[intent]["answers"][lang])
        elif intent == "translate":
            core, extra = TRANSLATE["answers"][lang]
        elif intent == "code":
            intro, explanation = CODE["answers"][lang][self.task]
            core, extra = intro + "\n\n" + CODE_SNIPPETS[self.task], explanation
        elif intent == "summarise":
            core, extra = SUMMARISE["answers"][lang]
        elif intent == "recipe":
            core, extra = RECIPE["dishes"][lang][self.dish]["answer"]
        else:
            raise ValueError(intent)
        return fill(core, self.slots), fill(extra, self.slots)

    def wrong_core(self):
        """A confident answer to a different question, or None."""
        rng, lang, intent = self.rng, self.lang, self.intent
        if intent in SUPPORT:
            choices = [i for i in SUPPORT[intent]["confusable"]
                       if not (SUPPORT[i].get("needs_order") and not self.order_known)]
            if not choices:
                return None
            core, extra = rng.pick(SUPPORT[rng.pick(choices)]["answers"][lang])
            return fill(core, self.slots), fill(extra, self.slots)
        if intent == "translate":
            items = TRANSLATE["items"][lang]
            other = items[self.other_item(len(items))]
            core, extra = TRANSLATE["answers"][lang]
            return fill(core.replace("{translation}", other[2]), self.slots), fill(extra, self.slots)
        if intent == "code":
            task = rng.pick([t for t in sorted(CODE_SNIPPETS) if t != self.task])
            intro, explanation = CODE["answers"][lang][task]
            return intro + "\n\n" + CODE_SNIPPETS[task], explanation
        if intent == "summarise":
            # Not a summary: the opening sentences copied back.
            doc = SUMMARISE["docs"][lang][self.item][0]
            core = SUMMARISE["answers"][lang][0].replace("{summary}", first_sentences(doc, 2))
            return core, ""
        if intent == "recipe":
            dishes = RECIPE["dishes"][lang]
            other = rng.pick([d for d in dishes if d != self.dish])
            return dishes[other]["answer"]
        raise ValueError(intent)

    def other_item(self, n):
        i = self.rng.below(n - 1)
        return i + 1 if i >= self.item else i

    def render(self, core, extra, prefix=None):
        """The assistant's wording: the control arm pads, the concise arm doesn't."""
        rng, ph = self.rng, self.ph
        if self.variant == "concise-prompt":
            return (prefix + " " if prefix else "") + core
        head = prefix if prefix else (rng.pick(ph["preamble"]) if rng.chance(0.6) else None)
        text = (head + " " if head else "") + core
        if extra:
            text += "\n\n" + extra
        if rng.chance(0.5):
            text += "\n\n" + rng.pick(ph["closing"])
        return text

    def render_short(self, answer, prefix=None):
        text = (prefix + " " if prefix else "") + fill(answer, self.slots)
        if self.variant == "control" and self.rng.chance(0.25):
            text += "\n\n" + self.rng.pick(self.ph["closing"])
        return text

    def unhelpful(self):
        """A clarifying question nobody needed, or a deflection."""
        ph = self.ph
        if self.intent in TASK_INTENTS:
            return self.rng.pick(ph["vague"])
        return self.rng.pick(ph["vague"] + ph["deflect"])

    def refusal(self):
        ph = self.ph
        if self.intent in TASK_INTENTS:
            return self.rng.pick(ph["refusal"] + ph["refusal_scope"])
        return self.rng.pick(ph["refusal"] + ph["refusal_account"])

    def bad_text(self, allow_wrong=True):
        """An unhelpful answer: vague, wrong or a refusal."""
        kind = self.rng.weighted([
            ("vague", 35),
            ("wrong", (35 if self.intent in TASK_INTENTS else 30) if allow_wrong else 0),
            ("refusal", 30),
        ])
        if kind == "wrong":
            wrong = self.wrong_core()
            if wrong is not None:
                return self.render(*wrong)
        if kind == "refusal":
            return self.refusal()
        return self.unhelpful()

    def good_answer(self, prefix=None, quality="good"):
        """Answers the request, first asking for the order number if needed."""
        ph = self.ph
        if SUPPORT.get(self.intent, {}).get("needs_order") and not self.order_known:
            ask = self.rng.pick(ph["ask_order"])
            self.assistant((prefix + " " if prefix else "") + ask, "neutral")
            self.user(fill(self.rng.pick(ph["give_order"]), self.slots))
            self.order_known = True
            prefix = None
        self.assistant(self.render(*self.good_core(), prefix=prefix), quality)

    def next_followup(self):
        table = SUPPORT[self.intent] if self.intent in SUPPORT else {
            "translate": TRANSLATE, "code": CODE, "summarise": SUMMARISE, "recipe": RECIPE,
        }[self.intent]
        followups = table["followups"][self.lang]
        if self.followups_left is None:
            self.followups_left = list(range(len(followups)))
        if not self.followups_left:
            return None
        i = self.followups_left.pop(self.rng.below(len(self.followups_left)))
        return followups[i]

    # -- messages -----------------------------------------------------------

    def last_text(self):
        for m in reversed(self.messages):
            if m["role"] == "assistant":
                return m["content"]
        return ""

    def user(self, text):
        rng = self.rng
        if any(m["role"] == "user" for m in self.messages):
            read = len(self.last_text()) / (18 + rng.random() * 22)
            typing = min(90.0, len(text) / (3.5 + rng.random() * 3))
            gap = 2 + read + typing + rng.random() * 12
            if rng.chance(0.08):
                gap += rng.between(60, 900)  # came back later
            self.t += max(3, int(gap))
        self.messages.append({"role": "user", "content": text, "timestamp": fmt_time(self.t)})
        self.quality.append(None)
        self.times.append(self.t)

    def assistant(self, text, quality):
        rng = self.rng
        if self.variant == "control":
            latency = 2 + len(text) / 55 + rng.random() * 5
        else:
            latency = 1 + len(text) / 70 + rng.random() * 4
        self.t += min(20, max(1, int(latency)))
        index = len(self.messages)
        self.messages.append({
            "role": "assistant",
            "content": text,
            "timestamp": fmt_time(self.t),
            "id": "%s-m%d" % (self.cid, index),
        })
        self.quality.append(quality)
        self.times.append(self.t)
        return index

    def regenerate(self, text, quality):
        """The user asks for another answer; it follows the replaced one."""
        replaced = len(self.messages) - 1
        self.t += self.rng.between(3, 25)
        self.events.append({"type": "regenerate", "message_index": replaced, "timestamp": fmt_time(self.t)})
        self.assistant(text, quality)

    # -- outcomes -------------------------------------------------------------

    def follow_ups(self, n):
        rng, ph = self.rng, self.ph
        for _ in range(n):
            fu = self.next_followup()
            if fu is None:
                return
            question, answer = fu
            if rng.chance(0.35):
                question = rng.pick(ph["thanks_prefix"]) + question
            self.user(question)
            self.assistant(self.render_short(answer), "good")

    def thank(self):
        self.user(self.rng.pick(self.ph["thanks"]))
        if self.rng.chance(0.7):
            self.assistant(self.rng.pick(self.ph["welcome"]), "neutral")

    def play_good(self, long):
        rng = self.rng
        self.user(self.first)
        self.good_answer()
        self.follow_ups(3 if long else rng.weighted([(0, 45), (1, 40), (2, 15)]))
        if long or rng.chance(0.5):
            self.thank()

    def play_bad(self, long):
        rng, ph = self.rng, self.ph
        self.user(self.first)
        self.assistant(self.bad_text(), "bad")
        if rng.chance(0.3):
            self.regenerate(self.bad_text(), "bad")
        if long:
            actions = ["rephrase", "correction", "rephrase", "frustration", "escalation"]
        else:
            actions = []
            while len(actions) < 4:
                steps = len(actions)
                action = rng.weighted([
                    ("abandon", 30 + 25 * steps),
                    ("rephrase", 25),
                    ("correction", 20),
                    ("frustration", 10 if steps else 5),
                    ("escalation", 15),
                ])
                if action == "abandon":
                    break
                actions.append(action)
                if action == "escalation":
                    break
        for action in actions:
            if action == "rephrase":
                self.user(self.rephrase())
                self.assistant(self.bad_text(), "bad")
            elif action == "correction":
                text = rng.pick(ph["correction"])
                if rng.chance(0.5):
                    text = join_sentences(text, self.alt_prompt())
                self.user(text)
                self.assistant(rng.pick(ph["apology"]) + " " + self.bad_text(), "bad")
            elif action == "frustration":
                self.user(self.frustration())
                self.assistant(rng.pick(ph["empathy"]) + " " + self.unhelpful(), "bad")
            elif action == "escalation":
                self.user(rng.pick(ph["escalation"]))
                self.assistant(fill(rng.pick(ph["handoff"]), self.slots), "neutral")

    def play_mixed(self, long):
        rng, ph = self.rng, self.ph
        self.user(self.first)
        if long or rng.chance(0.6):
            # A failure first, then the right answer.
            self.assistant(self.bad_text(), "bad")
            if not long and rng.chance(0.35):
                self.regenerate(self.render(*self.good_core()), "ok")
            else:
                if rng.chance(0.5):
                    self.user(self.rephrase())
                else:
                    text = rng.pick(ph["correction"])
                    if rng.chance(0.6):
                        text = join_sentences(text, self.alt_prompt())
                    self.user(text)
                self.good_answer(prefix=rng.pick(ph["apology"]), quality="ok")
            self.follow_ups(2 if long else (1 if rng.chance(0.25) else 0))
            if long or rng.chance(0.45):
                self.thank()
        else:
            # The right answer, then a failure on the follow-up.
            self.good_answer()
            question, answer = self.next_followup()
            self.user(question)
            self.assistant(self.bad_text(allow_wrong=False), "bad")
            x = rng.random()
            if x < 0.5:
                self.user(rng.pick(ph["correction"]))
            elif x < 0.75:
                self.user(self.frustration())
            else:
                self.user(rng.pick(ph["rephrase_prefix"]) + question)
            if rng.chance(0.55):
                self.assistant(self.render_short(answer, prefix=rng.pick(ph["apology"])), "ok")
                if rng.chance(0.4):
                    self.thank()
            else:
                self.assistant(rng.pick(ph["apology"]) + " " + self.unhelpful(), "bad")
                if rng.chance(0.4):
                    self.user(rng.pick(ph["escalation"]))
                    self.assistant(fill(rng.pick(ph["handoff"]), self.slots), "neutral")

    # -- implicit and explicit feedback ----------------------------------------

    def assistant_indices(self):
        return [i for i, m in enumerate(self.messages) if m["role"] == "assistant"]

    def add_behaviour_events(self, rng):
        """copy / share / edit between an answer and the next message."""
        replaced = [e["message_index"] for e in self.events if e["type"] == "regenerate"]
        task = self.intent in TASK_INTENTS
        for i in self.assistant_indices():
            if i in replaced:
                continue
            t0 = self.times[i]
            window = self.times[i + 1] - t0 if i + 1 < len(self.messages) else 300
            if window < 3:
                continue
            quality = self.quality[i]
            kinds = []
            if quality in ("good", "ok"):
                if rng.chance(0.4 if task else 0.06):
                    kinds.append("copy")
                if rng.chance(0.03):
                    kinds.append("share")
                if task and self.intent != "recipe" and rng.chance(0.07):
                    kinds.append("edit")
            elif quality == "bad" and rng.chance(0.02):
                kinds.append("copy")
            for kind in kinds:
                at = t0 + 1 + rng.below(window - 1)
                self.events.append({"type": kind, "message_index": i, "timestamp": fmt_time(at)})
        self.events.sort(key=lambda e: (e["timestamp"], e["message_index"]))

    def add_inline_feedback(self, rng):
        for i in self.assistant_indices():
            quality = self.quality[i]
            if quality in ("good", "ok", "bad") and rng.chance(P_INLINE_FEEDBACK):
                self.messages[i]["feedback"] = make_feedback(rng, quality, self.lang)

    def use_parts(self, assistant_too):
        """Content as an array of typed parts, split at blank lines."""
        first_user = True
        for m in self.messages:
            if m["role"] == "user" or (m["role"] == "assistant" and assistant_too):
                parts = [{"type": "text", "text": p} for p in m["content"].split("\n\n")]
                if m["role"] == "user" and first_user and self.intent in ("billing", "track_order"):
                    parts.append({
                        "type": "image_url",
                        "image_url": {"url": "https://files.shopnow.example/uploads/%s.png" % self.cid},
                    })
                if m["role"] == "user":
                    first_user = False
                m["content"] = parts

    def record(self, channel):
        first_user = next(m for m in self.messages if m["role"] == "user")
        out = {
            "conversation_id": self.cid,
            "user_id": self.user_id,
            "variant": self.variant,
            "created_at": first_user["timestamp"],
            "metadata": {"app": "helpdesk", "locale": self.lang, "channel": channel},
            "messages": self.messages,
        }
        if self.events:
            out["events"] = self.events
        return out


def make_feedback(rng, quality, lang):
    x = rng.random()
    if quality == "good":
        return {"thumbs": "up"} if x < 0.55 else {"rating": 5 if rng.chance(0.6) else 4}
    if quality == "ok":
        return {"thumbs": "up"} if x < 0.4 else {"rating": 3 if rng.chance(0.5) else 4}
    if x < 0.45:
        return {"thumbs": "down"}
    if x < 0.75:
        return {"thumbs": "down", "comment": rng.pick(PHRASES[lang]["down_comment"])}
    return {"rating": 1 if rng.chance(0.6) else 2}


def make_users(rng):
    """Users by language, as (user_id, lang, variant). The arm is per user,
    alternating within each language so that no language sits in one arm."""
    by_lang = {}
    for k in range(1, N_USERS + 1):
        by_lang.setdefault(rng.weighted(LANG_WEIGHTS), []).append("u%03d" % k)
    arms = ("control", "concise-prompt")
    for lang, _ in LANG_WEIGHTS:
        assert len(by_lang.get(lang, [])) >= 2, "too few users speak " + lang
        first = rng.below(2)
        by_lang[lang] = [(u, lang, arms[(first + j) % 2]) for j, u in enumerate(by_lang[lang])]
    return by_lang


def make_start_times(rng):
    hours = list(enumerate(HOUR_WEIGHTS))
    starts = []
    for _ in range(N_CONVERSATIONS):
        day = rng.below(DAYS)
        hour = rng.weighted(hours)
        starts.append(START + day * 86400 + hour * 3600 + rng.below(3600))
    return sorted(starts)


def generate(rng, feedback_rng):
    """Returns [(Conversation, outcome, record), ...] and the late events.

    rng writes the conversations; feedback_rng, a separate stream, decides the
    events and explicit feedback, so that tuning one leaves the other alone."""
    users = make_users(rng)
    conversations = []
    for n, start in enumerate(make_start_times(rng)):
        lang = rng.weighted(LANG_WEIGHTS)
        user_id, _, variant = rng.pick(users[lang])
        intent = rng.weighted(INTENT_WEIGHTS)
        outcome = rng.weighted(OUTCOME_WEIGHTS[variant])
        channel = rng.weighted(CHANNEL_WEIGHTS)
        with_system = not rng.chance(P_NO_SYSTEM)
        parts = rng.chance(P_PARTS)
        long = n in LONG_CONVERSATIONS
        c = Conversation(rng, "c%04d" % (n + 1), user_id, variant, lang, intent, start, with_system)
        {"good": c.play_good, "bad": c.play_bad, "mixed": c.play_mixed}[outcome](long)
        c.add_behaviour_events(feedback_rng)
        c.add_inline_feedback(feedback_rng)
        if parts:
            c.use_parts(assistant_too=rng.chance(0.35))
        conversations.append((c, outcome, c.record(channel)))
    return conversations, make_late_events(feedback_rng, conversations)


def make_late_events(rng, conversations):
    """Feedback and copies that arrive later from another table."""
    late = []
    used = set()
    while len(late) < N_LATE_EVENTS:
        n = rng.below(len(conversations))
        if n in used:
            continue
        c = conversations[n][0]
        candidates = [i for i in c.assistant_indices()
                      if c.quality[i] in ("good", "ok", "bad") and "feedback" not in c.messages[i]]
        if not candidates:
            continue
        used.add(n)
        i = rng.pick(candidates)
        quality = c.quality[i]
        copied = any(e["type"] == "copy" and e["message_index"] == i for e in c.events)
        x = rng.random()
        if quality != "bad" and x >= 0.6 and not copied:
            kind = "copy" if x < 0.9 else "share"
            event = {"type": kind, "conversation_id": c.cid, "message_index": i}
            at = c.times[i] + rng.between(2, 90)
        else:
            event = {"type": "feedback", "conversation_id": c.cid, "message_index": i}
            event.update(make_feedback(rng, quality, c.lang))
            at = c.times[-1] + rng.between(120, 30 * 3600)
        event["timestamp"] = fmt_time(at)
        late.append(event)
    late.sort(key=lambda e: (e["timestamp"], e["conversation_id"]))
    return late


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def main(argv):
    labels = argv[1:] == ["--labels"]
    if argv[1:] and not labels:
        sys.stderr.write("usage: gen-sample.py [--labels] > FILE\n")
        return 2
    conversations, late = generate(Rng(SEED), Rng(SEED + 1))
    out = sys.stdout.buffer
    if labels:
        out.write(b"conversation_id\tvariant\tlocale\tintent\toutcome\n")
        for c, outcome, _ in conversations:
            out.write(("\t".join([c.cid, c.variant, c.lang, c.intent, outcome]) + "\n").encode("utf-8"))
        return 0
    for _, _, record in conversations:
        out.write((dumps(record) + "\n").encode("utf-8"))
    for event in late:
        out.write((dumps(event) + "\n").encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
