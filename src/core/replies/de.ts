// German replies of the bot (src/core/say.ts): the English text as said in the code, its German. A unit test checks
// that every text the code says has one here, with the same placeholders.
// biome-ignore format: laid out by bytes, not characters, so no line is over 120 columns in any count.
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
    'reply ID|URL|P<n> TEXT: auf einen Beitrag antworten, hier (seine Nummer), anderswo (seine Adresse) ' +
    'oder privat',
  'private @someone [@someone@their.site …] TEXT: a post for them only, never on the site':
    'private @jemand [@jemand@ihre.site …] TEXT: ein Beitrag nur für sie, nie auf der Website',
  'delete ID|P<n>: delete one of my posts, or a private one (and its sealed copies)':
    'delete ID|P<n>: einen meiner Beiträge löschen, oder einen privaten (samt versiegelten Kopien)',
  'edit ID TEXT: change one of my posts': 'edit ID TEXT: einen meiner Beiträge ändern',
  'whoami: what Meshline knows about me': 'whoami: was Meshline über mich weiß',
  'link NETWORK ID: prove that identity is mine too (a code is sent there)':
    'link NETZWERK ID: beweisen, dass diese Identität auch meine ist (dorthin geht ein Code)',
  'confirm CODE: finish a link, from the other identity':
    'confirm CODE: eine Verknüpfung abschließen, von der anderen Identität',
  'notify NETWORK|off: where to send mention notices': 'notify NETZWERK|off: wohin Erwähnungen gemeldet werden',
  'publish ROOM on|off: publish a room you operate, or stop':
    'publish RAUM on|off: einen Raum veröffentlichen, den du leitest, oder aufhören',
  'handle NAME: choose the name of my page and @mentions (old links keep working)':
    'handle NAME: den Namen meiner Seite und meiner @Erwähnungen wählen (alte Links funktionieren ' +
    'weiter)',
  'name [TEXT]: the name on my page and posts (alone: the one my network gives)':
    'name [TEXT]: der Name auf meiner Seite und meinen Beiträgen (allein: der meines Netzwerks)',
  'bio [TEXT]: a line about me on my page (alone: none)':
    'bio [TEXT]: eine Zeile über mich auf meiner Seite (allein: keine)',
  'identities on|off: show on my page where else I am (my IRC, XMPP and Matrix ids)':
    'identities on|off: auf meiner Seite zeigen, wo ich sonst bin (meine IRC-, XMPP- und ' +
    'Matrix-Kennungen)',
  'approve ID: (admins) let someone who asked opt in':
    'approve ID: (Admins) jemanden, der gefragt hat, zustimmen lassen',
  'deny ID: (admins) refuse someone, and stop publishing them':
    'deny ID: (Admins) jemanden ablehnen und nicht mehr veröffentlichen',
  'pending: (admins) who is waiting for approval': 'pending: (Admins) wer auf Zustimmung wartet',
  'follow @someone|#tag|SOURCE: hear of new posts here, or of a site, @person@host, #tag@host or feed':
    'follow @jemand|#tag|QUELLE: von neuen Beiträgen hören, hier oder von einer Website, @person@host, ' +
    '#tag@host oder einem Feed',
  'unfollow @someone|#tag|SOURCE: stop following it': 'unfollow @jemand|#tag|QUELLE: nicht mehr folgen',
  'following: what you and this site follow': 'following: wem du und diese Website folgen',
  'star ID|URL (unstar ID|URL): mark a post you like, here or a followed one (by its address)':
    'star ID|URL (unstar ID|URL): einen Beitrag markieren, der dir gefällt, hier oder einen gefolgten ' +
    '(per Adresse)',
  'up ID|URL, down ID|URL (unvote ID|URL): vote a post up or down, once':
    'up ID|URL, down ID|URL (unvote ID|URL): für oder gegen einen Beitrag stimmen, einmal',
  'echo ID [COMMENT] (unecho ID): show a post on your own page, with a comment':
    'echo ID [KOMMENTAR] (unecho ID): einen Beitrag auf deiner Seite zeigen, mit Kommentar',
  'flag ID [REASON] (unflag ID): tell the admins a post should not be here':
    'flag ID [GRUND] (unflag ID): den Admins sagen, dass ein Beitrag nicht hierher gehört',
  'pin ID, unpin ID, hide ID, unhide ID: (admins; room operators pin in their room) head the timeline, or hide':
    'pin ID, unpin ID, hide ID, unhide ID: (Admins; Raumleiter heften in ihrem Raum an) oben anheften ' +
    'oder verbergen',
  'block @someone[@their.site]: no more notices from them': 'block @jemand[@ihre.site]: keine Meldungen mehr von ihnen',
  'unblock @someone[@their.site]: hear from them again': 'unblock @jemand[@ihre.site]: wieder von ihnen hören',
  [
    'Welcome, @{handle}! Your statuses and messages in published rooms now appear on the site. Send ' +
    '"help" for commands, "handle NAME" to choose your name there.'
  ]:
    'Willkommen, @{handle}! Deine Statusmeldungen und Nachrichten in veröffentlichten Räumen ' +
    'erscheinen jetzt auf der Website. Schick „help“ für die Befehle, „handle NAME“, um dort ' +
    'deinen Namen zu wählen.',
  'You are already in, as @{handle}.': 'Du bist schon dabei, als @{handle}.',
  'Your identity is not verified on this network (log in to services first), so I cannot publish you.':
    'Deine Identität ist in diesem Netzwerk nicht bestätigt (melde dich erst bei den Diensten an), ' +
    'darum kann ich dich nicht veröffentlichen.',
  'This Meshline publishes only the people its operator listed; ask them to add you.':
    'Dieses Meshline veröffentlicht nur die Leute, die sein Betreiber eingetragen hat; bitte ihn, dich ' +
    'hinzuzufügen.',
  'Your request to join waits for an admin of this Meshline; I will tell you here when they decide.':
    'Deine Anfrage wartet auf einen Admin dieses Meshline; ich sage dir hier Bescheid, wenn entschieden ' +
    'ist.',
  'Your request to join is withdrawn; nothing of yours is kept.':
    'Deine Anfrage ist zurückgezogen; nichts von dir wird behalten.',
  'You were not opted in; nothing is published of you.':
    'Du hattest nicht zugestimmt; nichts von dir wird veröffentlicht.',
  'Done: nothing new of yours will be published. Your posts stay; send "forget yes" to delete them all.':
    'Erledigt: nichts Neues von dir wird veröffentlicht. Deine Beiträge bleiben; schick „forget ' +
    'yes“, um alle zu löschen.',
  'I do not know you yet. Send "join" to opt in.': 'Ich kenne dich noch nicht. Schick „join“, um zuzustimmen.',
  'You are not opted in. Send "join" first.': 'Du hast nicht zugestimmt. Schick zuerst „join“.',
  [
    'This deletes all your posts and everything Meshline knows of you, from the site too. Send "forget ' +
    'yes" to go ahead.'
  ]:
    'Das löscht alle deine Beiträge und alles, was Meshline über dich weiß, auch von der Website. ' +
    'Schick „forget yes“, um fortzufahren.',
  'Forgotten: your posts and identities are deleted and the site is being updated.':
    'Vergessen: deine Beiträge und Identitäten sind gelöscht, die Website wird aktualisiert.',
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
  'where you last wrote': 'wo du zuletzt geschrieben hast',
  '@{handle} ({name}), opted in; identities: {ids}; mention notices: {notify}.':
    '@{handle} ({name}), zugestimmt; Identitäten: {ids}; Erwähnungen gehen an: {notify}.',
  '@{handle} ({name}), not opted in; identities: {ids}; mention notices: {notify}.':
    '@{handle} ({name}), nicht zugestimmt; Identitäten: {ids}; Erwähnungen gehen an: {notify}.',
  'Mention notices are off.': 'Erwähnungen werden nicht mehr gemeldet.',
  'You have no identity on {network}. Link one first ("link {network} ID"), or say "notify off".':
    'Du hast keine Identität bei {network}. Verknüpfe zuerst eine („link {network} ID“) oder sag ' +
    '„notify off“.',
  'Mention notices go to {network}.': 'Erwähnungen werden an {network} gemeldet.',
  'That is the identity you are writing from.': 'Von dieser Identität schreibst du gerade.',
  '@{handle} asks to link this identity to theirs on Meshline. If that is you, reply: confirm {code}':
    '@{handle} möchte diese Identität mit der eigenen auf Meshline verknüpfen. Wenn du das bist, ' +
    'antworte: confirm {code}',
  'I sent a code to {id} on {network}. Reply "confirm CODE" from there within {minutes} minutes.':
    'Ich habe einen Code an {id} bei {network} geschickt. Antworte von dort innerhalb von {minutes} ' +
    'Minuten mit „confirm CODE“.',
  '"{target}" is not an address.': '„{target}“ ist keine Adresse.',
  'Posted #{id}, in reply to {parent}.': 'Veröffentlicht: #{id}, als Antwort auf {parent}.',
  'That handle cannot be used: {problem}.': 'Diesen Namen kann man nicht nehmen: {problem}.',
  'You are @{handle} already.': 'Du bist schon @{handle}.',
  '@{handle} is taken; choose another.': '@{handle} ist vergeben; wähl einen anderen.',
  'You are @{handle} now; links to @{old} lead to your new page.':
    'Du bist jetzt @{handle}; Links auf @{old} führen zu deiner neuen Seite.',
  'I am not in {room}; ask its operator to invite me, or the Meshline operator to add it.':
    'Ich bin nicht in {room}; bitte den Raumleiter, mich einzuladen, oder den Betreiber von Meshline, ' +
    'den Raum hinzuzufügen.',
  'Only an operator of {room} can change that.': 'Nur ein Leiter von {room} kann das ändern.',
  '{room} is already published.': '{room} wird schon veröffentlicht.',
  '{room} is already not published.': '{room} wird schon nicht veröffentlicht.',
  '{room} is now published: messages of people who opted in appear on the site.':
    '{room} wird jetzt veröffentlicht: Nachrichten von Leuten, die zugestimmt haben, erscheinen auf der ' +
    'Website.',
  '{room} is no longer published; what was published stays.':
    '{room} wird nicht mehr veröffentlicht; was veröffentlicht wurde, bleibt.',
  'This identity is not verified on its network (log in to services first), so it cannot be linked.':
    'Diese Identität ist in ihrem Netzwerk nicht bestätigt (melde dich erst bei den Diensten an), ' +
    'darum kann sie nicht verknüpft werden.',
  'That code is unknown or expired.': 'Diesen Code kenne ich nicht, oder er ist abgelaufen.',
  'The person who asked for this link is gone.': 'Wer diese Verknüpfung wollte, ist nicht mehr da.',
  'Already linked to @{handle}.': 'Schon mit @{handle} verknüpft.',
  'Linked: this identity is now @{handle}.': 'Verknüpft: diese Identität ist jetzt @{handle}.',
  'Only an admin of {network} can do that.': 'Das kann nur ein Admin von {network}.',
  'Nobody is waiting.': 'Niemand wartet.',
  'Waiting: {list}': 'Es warten: {list}',
  'An admin of this Meshline has not allowed publishing you; nothing new of yours will be.':
    'Ein Admin dieses Meshline hat nicht erlaubt, dich zu veröffentlichen; nichts Neues von dir wird ' +
    'veröffentlicht.',
  'Denied {id}. @{handle} is no longer published.': 'Abgelehnt: {id}. @{handle} wird nicht mehr veröffentlicht.',
  'Denied {id}.': 'Abgelehnt: {id}.',
  'Approved {id}: "join" from there now opts them in.':
    'Zugelassen: {id}. Ein „join“ von dort lässt sie jetzt zustimmen.',
  'Approved {id}; they are in as @{handle}.': 'Zugelassen: {id}; dabei als @{handle}.',
  'You no longer follow {what}.': 'Du folgst {what} nicht mehr.',
  'You do not follow {what}.': 'Du folgst {what} nicht.',
  'Nobody here is called {who}.': 'Hier heißt niemand {who}.',
  'That is you.': 'Das bist du.',
  'You follow {what}: its new posts reach you here, a few at a time.':
    'Du folgst {what}: neue Beiträge erreichen dich hier, ein paar auf einmal.',
  'Following {what}: its posts show on the mesh page of this site, and reach you here.':
    'Gefolgt: {what}. Die Beiträge erscheinen auf der Mesh-Seite dieser Website und erreichen dich hier.',
  'This site follows {what} already; its new posts reach you here now.':
    'Diese Website folgt {what} schon; neue Beiträge erreichen dich jetzt hier.',
  'This site does not follow {what}.': 'Diese Website folgt {what} nicht.',
  'You no longer hear of {what}; the site still follows it: someone else added it.':
    'Du hörst nichts mehr von {what}; die Website folgt weiter, denn jemand anderes hat es hinzugefügt.',
  'No longer following {what}.': 'Nicht mehr gefolgt: {what}.',
  'This site follows: {list}.': 'Diese Website folgt: {list}.',
  'This site follows nothing elsewhere.': 'Diese Website folgt nichts anderswo.',
  'You follow: {list}.': 'Du folgst: {list}.',
  'You follow nothing yet ("follow @someone").': 'Du folgst noch nichts („follow @jemand“).',
  'You no longer hear from @{who}.': 'Du hörst nichts mehr von @{who}.',
  'You blocked @{who} already.': 'Du hast @{who} schon blockiert.',
  'You hear from @{who} again.': 'Du hörst wieder von @{who}.',
  'You had not blocked @{who}.': 'Du hattest @{who} nicht blockiert.',
  'You starred #{id} already.': 'Du hast #{id} schon markiert.',
  'You had not starred #{id}.': 'Du hattest #{id} nicht markiert.',
  'Starred #{id}.': 'Markiert: #{id}.',
  'Unstarred #{id}.': 'Markierung entfernt: #{id}.',
  'Your own posts get their votes from others.': 'Für deine eigenen Beiträge stimmen andere.',
  'You had not voted on #{id}.': 'Du hattest nicht über #{id} abgestimmt.',
  'You voted that way on #{id} already.': 'So hast du über #{id} schon abgestimmt.',
  'Your vote on #{id} is taken back.': 'Deine Stimme für #{id} ist zurückgenommen.',
  'Voted #{id} up.': 'Für #{id} gestimmt.',
  'Voted #{id} down.': 'Gegen #{id} gestimmt.',
  'You had not echoed #{id}.': 'Du hattest #{id} nicht geteilt.',
  'Your echo of #{id} is gone.': 'Dein Teilen von #{id} ist entfernt.',
  'You echoed #{id} already (#{echo}).': 'Du hast #{id} schon geteilt (#{echo}).',
  '#{id} is an echo: echo #{original} itself.': '#{id} ist geteilt: teile #{original} selbst.',
  'Echoed #{id} on your page as #{echo}.': '#{id} auf deiner Seite geteilt als #{echo}.',
  'You flagged #{id} already.': 'Du hast #{id} schon gemeldet.',
  'You had not flagged #{id}.': 'Du hattest #{id} nicht gemeldet.',
  '#{id} is hidden: {count} people flagged it. "unhide {id}" shows it again.':
    '#{id} ist verborgen: {count} Leute haben ihn gemeldet. „unhide {id}“ zeigt ihn wieder.',
  'Flagged #{id}; the admins will look at it.': 'Gemeldet: #{id}; die Admins sehen ihn sich an.',
  'Your flag on #{id} is taken back.': 'Deine Meldung zu #{id} ist zurückgenommen.',
  'Only admins pin and hide posts (room operators pin in their room).':
    'Nur Admins heften Beiträge an und verbergen sie (Raumleiter heften in ihrem Raum an).',
  '#{id} is pinned already.': '#{id} ist schon angeheftet.',
  '#{id} is not pinned already.': '#{id} ist schon nicht angeheftet.',
  '#{id} is hidden already.': '#{id} ist schon verborgen.',
  '#{id} is not hidden already.': '#{id} ist schon nicht verborgen.',
  'Pinned #{id}.': 'Angeheftet: #{id}.',
  'Unpinned #{id}.': 'Losgelöst: #{id}.',
  'Hid #{id}.': 'Verborgen: #{id}.',
  'Unhid #{id}.': 'Wieder sichtbar: #{id}.',
  'No post this site follows is at {url}.': 'Unter {url} ist kein Beitrag, dem diese Website folgt.',
  'You had not starred that post.': 'Du hattest diesen Beitrag nicht markiert.',
  'You had not voted on that post.': 'Du hattest über diesen Beitrag nicht abgestimmt.',
  'You starred it already.': 'Du hast ihn schon markiert.',
  'You voted that way on it already.': 'So hast du schon abgestimmt.',
  'Starred it.': 'Markiert.',
  'Unstarred it.': 'Markierung entfernt.',
  'Your vote on it is taken back.': 'Deine Stimme ist zurückgenommen.',
  'Voted it up.': 'Dafür gestimmt.',
  'Voted it down.': 'Dagegen gestimmt.',
  'Nobody here is called {who}; nothing was sent.': 'Hier heißt niemand {who}; nichts wurde geschickt.',
  'Say whom it is for: private @someone TEXT': 'Sag, für wen er ist: private @jemand TEXT',
  [
    'Sent privately to {who} as P{id}. It is not on the site; their sites get it sealed for them when ' +
    'they next pull this one.'
  ]:
    'Privat an {who} geschickt als P{id}. Er ist nicht auf der Website; ihre Websites bekommen ihn ' +
    'versiegelt, wenn sie diese das nächste Mal abrufen.',
  'Sent privately to {who} as P{id}. It is not on the site.':
    'Privat an {who} geschickt als P{id}. Er ist nicht auf der Website.',
  'You have no private post P{id}.': 'Du hast keinen privaten Beitrag P{id}.',
  'Deleted P{id}, and its sealed copies on this site.':
    'Gelöscht: P{id}, samt versiegelten Kopien auf dieser Website.',
  '@{handle} mentioned you: "{text}" {url}': '@{handle} hat dich erwähnt: „{text}“ {url}',
  '{who} replied to you: "{text}"': '{who} hat dir geantwortet: „{text}“',
  '{who} mentioned you: "{text}"': '{who} hat dich erwähnt: „{text}“',
  '{who} in {tag}': '{who} in {tag}',
  'New from what you follow: {list} (and {more} more)': 'Neu bei dem, dem du folgst: {list} (und {more} weitere)',
  'New from what you follow: {list}': 'Neu bei dem, dem du folgst: {list}',
  'Private from {from} (P{id}): {text} — answer privately: reply P{id} TEXT':
    'Privat von {from} (P{id}): {text} — privat antworten: reply P{id} TEXT',
  'An admin of this Meshline has not allowed publishing you here.':
    'Ein Admin dieses Meshline hat nicht erlaubt, dich hier zu veröffentlichen.',
  'There are several {kind} networks here: {list}. Name one.':
    'Hier gibt es mehrere {kind}-Netzwerke: {list}. Nenne eines.',
  'Networks: {list}.': 'Netzwerke: {list}.',
  'No chat network is configured.': 'Es ist kein Chat-Netzwerk eingerichtet.',
  'There is no network "{word}" here.': 'Hier gibt es kein Netzwerk „{word}“.',
  '"{text}" names nobody.': '„{text}“ bezeichnet niemanden.',
  '{problem}. Follow takes @someone or #tag here, or {forms}.':
    '{problem}. Folgen kann man @jemand oder #tag hier, oder: {forms}.',
  'a handle needs at least one letter or digit': 'ein Name braucht mindestens einen Buchstaben oder eine Ziffer',
  'a handle is at most {max} bytes': 'ein Name hat höchstens {max} Bytes',
  '"{name}" is a name the site uses': '„{name}“ ist ein Name, den die Website selbst braucht',
  'a handle has only letters, digits, _ . - and starts with a letter or digit':
    'ein Name hat nur Buchstaben, Ziffern, _ . - und beginnt mit einem Buchstaben oder einer Ziffer',
  '"{text}" is not a host name': '„{text}“ ist kein Hostname',
  '"{text}" is not a handle': '„{text}“ ist kein Name',
  '"{text}" is not a tag': '„{text}“ ist kein Schlagwort',
  '"{text}" is not a source: {forms}': '„{text}“ ist keine Quelle: {forms}',
  '"{text}" is not a web address': '„{text}“ ist keine Webadresse',
  'a source address must not carry a user name or password':
    'eine Quelladresse darf keinen Benutzernamen und kein Passwort enthalten',
};
