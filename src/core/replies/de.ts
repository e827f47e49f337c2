// German replies of the bot (src/core/say.ts): the English text as said in the code, its German. A unit test checks
// that every text the code says has one here, with the same placeholders.
export const DE: Readonly<Record<string, string>> = {
  'Commands: {list}': 'Befehle: {list}',
  'Usage: {usage}': 'So geht es: {usage}',
  'I do not know "{word}". {help}': 'Das kenne ich nicht: „{word}“. {help}',
  'help: this list': 'help: diese Liste',
  'join: publish my status and messages (opt in)':
    'join: meinen Status und meine Nachrichten veröffentlichen (zustimmen)',
  'optout: stop publishing me (posts stay)': 'optout: mich nicht mehr veröffentlichen (Beiträge bleiben)',
  'forget: delete everything of mine, from the store and the site':
    'forget: alles von mir löschen, aus der Datenbank und von der Website',
  'post TEXT: publish a post': 'post TEXT: einen Beitrag veröffentlichen',
  'reply ID|URL|P<n> TEXT: answer a post here (its number), elsewhere (its address) or a private one':
    'reply ID|URL|P<n> TEXT: auf einen Beitrag antworten, hier (seine Nummer), ' +
    'anderswo (seine Adresse) oder privat',
  'private @someone [@someone@their.site …] TEXT: a post for them only, never on the site':
    'private @jemand [@jemand@ihre.site …] TEXT: ein Beitrag nur für sie, nie auf ' + 'der Website',
  'delete ID|P<n>: delete one of my posts, or a private one (and its sealed copies)':
    'delete ID|P<n>: einen meiner Beiträge löschen, oder einen privaten (samt ' + 'versiegelten Kopien)',
  'edit ID TEXT: change one of my posts': 'edit ID TEXT: einen meiner Beiträge ändern',
  'whoami: what Meshline knows about me': 'whoami: was Meshline über mich weiß',
  'link NETWORK ID: prove that identity is mine too (a code is sent there)':
    'link NETZWERK ID: beweisen, dass diese Identität auch meine ist (dorthin geht ' + 'ein Code)',
  'confirm CODE: finish a link, from the other identity':
    'confirm CODE: eine Verknüpfung abschließen, von der anderen Identität',
  'notify NETWORK|off: where to send mention notices': 'notify NETZWERK|off: wohin Erwähnungen gemeldet werden',
  'publish ROOM on|off: publish a room you operate, or stop':
    'publish RAUM on|off: einen Raum veröffentlichen, den du leitest, oder aufhören',
  'handle NAME: choose the name of my page and @mentions (old links keep working)':
    'handle NAME: den Namen meiner Seite und meiner @Erwähnungen wählen (alte Links ' + 'funktionieren weiter)',
  'name [TEXT]: the name on my page and posts (alone: the one my network gives)':
    'name [TEXT]: der Name auf meiner Seite und meinen Beiträgen (allein: der meines ' + 'Netzwerks)',
  'bio [TEXT]: a line about me on my page (alone: none)':
    'bio [TEXT]: eine Zeile über mich auf meiner Seite (allein: keine)',
  'identities on|off: show on my page where else I am (my IRC, XMPP and Matrix ids)':
    'identities on|off: auf meiner Seite zeigen, wo ich sonst bin (meine IRC-, XMPP- ' + 'und Matrix-Kennungen)',
  'approve ID: (admins) let someone who asked opt in':
    'approve ID: (Admins) jemanden, der gefragt hat, zustimmen lassen',
  'deny ID: (admins) refuse someone, and stop publishing them':
    'deny ID: (Admins) jemanden ablehnen und nicht mehr veröffentlichen',
  'pending: (admins) who is waiting for approval': 'pending: (Admins) wer auf Zustimmung wartet',
  'follow @someone|#tag|SOURCE: hear of new posts here, or of a site, @person@host, #tag@host or feed':
    'follow @jemand|#tag|QUELLE: von neuen Beiträgen hören, hier oder von einer ' +
    'Website, @person@host, #tag@host oder einem Feed',
  'unfollow @someone|#tag|SOURCE: stop following it': 'unfollow @jemand|#tag|QUELLE: nicht mehr folgen',
  'following: what you and this site follow': 'following: wem du und diese Website folgen',
  'star ID|URL (unstar ID|URL): mark a post you like, here or a followed one (by its address)':
    'star ID|URL (unstar ID|URL): einen Beitrag markieren, der dir gefällt, hier ' +
    'oder einen gefolgten (per Adresse)',
  'up ID|URL, down ID|URL (unvote ID|URL): vote a post up or down, once':
    'up ID|URL, down ID|URL (unvote ID|URL): für oder gegen einen Beitrag stimmen, ' + 'einmal',
  'echo ID [COMMENT] (unecho ID): show a post on your own page, with a comment':
    'echo ID [KOMMENTAR] (unecho ID): einen Beitrag auf deiner Seite zeigen, mit ' + 'Kommentar',
  'flag ID [REASON] (unflag ID): tell the admins a post should not be here':
    'flag ID [GRUND] (unflag ID): den Admins sagen, dass ein Beitrag nicht hierher ' + 'gehört',
  ['pin ID, unpin ID, hide ID, unhide ID: (admins; room operators pin in their ' + 'room) head the timeline, or hide']:
    'pin ID, unpin ID, hide ID, unhide ID: (Admins; Raumleiter heften in ihrem Raum ' +
    'an) oben anheften oder verbergen',
  'block @someone[@their.site]: no more notices from them': 'block @jemand[@ihre.site]: keine Meldungen mehr von ihnen',
  'unblock @someone[@their.site]: hear from them again': 'unblock @jemand[@ihre.site]: wieder von ihnen hören',
  ['Welcome, @{handle}! Your statuses and messages in published rooms now appear on ' +
    'the site. Send "help" for commands, "handle NAME" to choose your name there.']:
    'Willkommen, @{handle}! Deine Statusmeldungen und Nachrichten in ' +
    'veröffentlichten Räumen erscheinen jetzt auf der Website. Schick „help“ für die ' +
    'Befehle, „handle NAME“, um dort deinen Namen zu wählen.',
  'You are already in, as @{handle}.': 'Du bist schon dabei, als @{handle}.',
  'Your identity is not verified on this network (log in to services first), so I cannot publish you.':
    'Deine Identität ist in diesem Netzwerk nicht bestätigt (melde dich erst bei den ' +
    'Diensten an), darum kann ich dich nicht veröffentlichen.',
  'This Meshline publishes only the people its operator listed; ask them to add you.':
    'Dieses Meshline veröffentlicht nur die Leute, die sein Betreiber eingetragen ' +
    'hat; bitte ihn, dich hinzuzufügen.',
  'Your request to join waits for an admin of this Meshline; I will tell you here when they decide.':
    'Deine Anfrage wartet auf einen Admin dieses Meshline; ich sage dir hier ' + 'Bescheid, wenn entschieden ist.',
  'Your request to join is withdrawn; nothing of yours is kept.':
    'Deine Anfrage ist zurückgezogen; nichts von dir wird behalten.',
  'You were not opted in; nothing is published of you.':
    'Du hattest nicht zugestimmt; nichts von dir wird veröffentlicht.',
  'Done: nothing new of yours will be published. Your posts stay; send "forget yes" to delete them all.':
    'Erledigt: nichts Neues von dir wird veröffentlicht. Deine Beiträge bleiben; ' +
    'schick „forget yes“, um alle zu löschen.',
  'I do not know you yet. Send "join" to opt in.': 'Ich kenne dich noch nicht. Schick „join“, um zuzustimmen.',
  'You are not opted in. Send "join" first.': 'Du hast nicht zugestimmt. Schick zuerst „join“.',
  ['This deletes all your posts and everything Meshline knows of you, from the site ' +
    'too. Send "forget yes" to go ahead.']:
    'Das löscht alle deine Beiträge und alles, was Meshline über dich weiß, auch von ' +
    'der Website. Schick „forget yes“, um fortzufahren.',
  'Forgotten: your posts and identities are deleted and the site is being updated.':
    'Vergessen: deine Beiträge und Identitäten sind gelöscht, die Website wird ' + 'aktualisiert.',
  'Posted #{id}.': 'Veröffentlicht: #{id}.',
  'Deleted #{id}.': 'Gelöscht: #{id}.',
  'Edited #{id}.': 'Geändert: #{id}.',
  'You have no post #{id}.': 'Du hast keinen Beitrag #{id}.',
  'There is no post #{id}.': 'Es gibt keinen Beitrag #{id}.',
  'Your name is {name} now, on your page and your posts.':
    'Dein Name ist jetzt {name}, auf deiner Seite und deinen Beiträgen.',
  'Your name is {name} already.': 'Dein Name ist schon {name}.',
  'Your bio is on your page now.': 'Deine Bio steht jetzt auf deiner Seite.',
  'Your bio is gone from your page.': 'Deine Bio ist von deiner Seite entfernt.',
  'Your bio says that already.': 'Das steht schon in deiner Bio.',
  'You have no bio.': 'Du hast keine Bio.',
};
