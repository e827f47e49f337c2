// Japanese replies of the bot (src/core/say.ts): the English text as said in the code, its Japanese. A unit test
// checks that every text the code says has one here, with the same placeholders.
// biome-ignore format: laid out by bytes, not characters, so no line is over 120 columns in any count.
export const JA: Readonly<Record<string, string>> = {
  'Commands: {list}': 'コマンド: {list}',
  'Usage: {usage}': '使い方: {usage}',
  'I do not know "{word}". {help}': '「{word}」はわかりません。{help}',
  'help: this list': 'help: この一覧',
  'join: publish my status and messages (opt in)':
    'join: 自分のステータスとメッセージを公開する(同意)',
  'optout: stop publishing me (posts stay)': 'optout: 公開をやめる(投稿は残る)',
  'forget: delete everything of mine, from the store and the site':
    'forget: 自分のすべてを保存先とサイトから削除する',
  'post TEXT: publish a post': 'post テキスト: 投稿する',
  'reply ID|URL|P<n> TEXT: answer a post here (its number), elsewhere (its address) or a private one':
    'reply ID|URL|P<n> テキスト: ここ(番号)、他のサイト(アドレス)、または非公開' +
    'の投稿に返信する',
  'private @someone [@someone@their.site …] TEXT: a post for them only, never on the site':
    'private @相手 [@相手@サイト …] テキスト: ' +
    '相手だけへの投稿(サイトには載らない)',
  'delete ID|P<n>: delete one of my posts, or a private one (and its sealed copies)':
    'delete ID|P<n>: 自分の投稿、または非公開の投稿(と封印されたコピー)を削除' +
    'する',
  'edit ID TEXT: change one of my posts': 'edit ID テキスト: 自分の投稿を変更する',
  'whoami: what Meshline knows about me': 'whoami: Meshline が自分について知っていること',
  'link NETWORK ID: prove that identity is mine too (a code is sent there)':
    'link ネットワーク ID: そのアカウントも自分のものだと証明する(そちらに' +
    'コードが届く)',
  'confirm CODE: finish a link, from the other identity':
    'confirm コード: もう一方のアカウントから連携を完了する',
  'notify NETWORK|off: where to send mention notices':
    'notify ネットワーク|off: メンション通知の送り先',
  'publish ROOM on|off: publish a room you operate, or stop':
    'publish ルーム on|off: 管理しているルームを公開する、または止める',
  'handle NAME: choose the name of my page and @mentions (old links keep working)':
    'handle 名前: 自分のページと @メンションの名前を選ぶ(古いリンクも使える)',
  'name [TEXT]: the name on my page and posts (alone: the one my network gives)':
    'name [テキスト]: ページと投稿に出る名前(単独: ネットワークの名前に戻す)',
  'bio [TEXT]: a line about me on my page (alone: none)':
    'bio [テキスト]: ページに載せる自己紹介(単独: なし)',
  'identities on|off: show on my page where else I am (my IRC, XMPP and Matrix ids)':
    'identities on|off: 他のアカウント(IRC・XMPP・Matrix)をページに表示する',
  'approve ID: (admins) let someone who asked opt in': 'approve ID: (管理者)申請した人の参加を認める',
  'deny ID: (admins) refuse someone, and stop publishing them': 'deny ID: (管理者)拒否して公開をやめる',
  'pending: (admins) who is waiting for approval': 'pending: (管理者)承認待ちの人',
  'follow @someone|#tag|SOURCE: hear of new posts here, or of a site, @person@host, #tag@host or feed':
    'follow @相手|#タグ|ソース: ここ、またはサイト・@人@ホスト・#タグ@ホスト' +
    '・フィードの新しい投稿を知らせてもらう',
  'unfollow @someone|#tag|SOURCE: stop following it': 'unfollow @相手|#タグ|ソース: フォローをやめる',
  'following: what you and this site follow': 'following: あなたとこのサイトがフォローしているもの',
  'star ID|URL (unstar ID|URL): mark a post you like, here or a followed one (by its address)':
    'star ID|URL (unstar ID|URL): ' +
    '気に入った投稿にスターを付ける(フォロー中の投稿はアドレスで)',
  'up ID|URL, down ID|URL (unvote ID|URL): vote a post up or down, once':
    'up ID|URL, down ID|URL (unvote ID|URL): 投稿に賛成・反対を一度だけ投票する',
  'echo ID [COMMENT] (unecho ID): show a post on your own page, with a comment':
    'echo ID [コメント] (unecho ID): 投稿をコメント付きで自分のページに表示する',
  'flag ID [REASON] (unflag ID): tell the admins a post should not be here':
    'flag ID [理由] (unflag ID): ここにあるべきでない投稿を管理者に知らせる',
  'pin ID, unpin ID, hide ID, unhide ID: (admins; room operators pin in their room) head the timeline, or hide':
    'pin ID, unpin ID, hide ID, unhide ID: ' +
    '(管理者・ルームでは管理人)タイムラインの先頭に固定する、または隠す',
  'block @someone[@their.site]: no more notices from them':
    'block @相手[@サイト]: その人からの通知を止める',
  'unblock @someone[@their.site]: hear from them again': 'unblock @相手[@サイト]: 通知を再開する',
  [
    'Welcome, @{handle}! Your statuses and messages in published rooms now appear on the site. Send ' +
    '"help" for commands, "handle NAME" to choose your name there.'
  ]:
    'ようこそ、@{handle} さん! あなたのステータスと公開ルームでのメッセージ' +
    'がサイトに載るようになりました。コマンドは「help」、サイトでの名前を' +
    '選ぶには「handle 名前」を送ってください。',
  'You are already in, as @{handle}.': 'すでに @{handle} として参加しています。',
  'Your identity is not verified on this network (log in to services first), so I cannot publish you.':
    'このネットワークでのアカウントが確認されていない(まずサービスにログ' +
    'インしてください)ため、公開できません。',
  'This Meshline publishes only the people its operator listed; ask them to add you.':
    'この Meshline は運営者が登録した人だけを公開します。運営者に追加を頼ん' +
    'でください。',
  'Your request to join waits for an admin of this Meshline; I will tell you here when they decide.':
    '参加の申請はこの Meshline の管理者の判断待ちです。決まったらここでお知' +
    'らせします。',
  'Your request to join is withdrawn; nothing of yours is kept.':
    '参加の申請を取り下げました。あなたの情報は何も残りません。',
  'You were not opted in; nothing is published of you.':
    '参加していなかったので、何も公開されていません。',
  'Done: nothing new of yours will be published. Your posts stay; send "forget yes" to delete them all.':
    '完了: 今後は何も公開されません。投稿は残ります。すべて削除するには' +
    '「forget yes」を送ってください。',
  'I do not know you yet. Send "join" to opt in.':
    'まだあなたを知りません。参加するには「join」を送ってください。',
  'You are not opted in. Send "join" first.': '参加していません。まず「join」を送ってください。',
  [
    'This deletes all your posts and everything Meshline knows of you, from the site too. Send "forget ' +
    'yes" to go ahead.'
  ]:
    'あなたの投稿と Meshline が知っているすべてを、サイトからも削除します。' +
    '続けるには「forget yes」を送ってください。',
  'Forgotten: your posts and identities are deleted and the site is being updated.':
    '削除しました: 投稿とアカウントは消え、サイトを更新しています。',
  'Posted #{id}.': '#{id} を投稿しました。',
  'Deleted #{id}.': '#{id} を削除しました。',
  'Edited #{id}.': '#{id} を編集しました。',
  'You have no post #{id}.': 'あなたの投稿 #{id} はありません。',
  'There is no post #{id}.': '投稿 #{id} はありません。',
  'Your name is {name} now, on your page and your posts.':
    'ページと投稿での名前を {name} にしました。',
  'Your name is {name} already.': '名前はすでに {name} です。',
  'Your bio is on your page now.': '自己紹介をページに載せました。',
  'Your bio is gone from your page.': '自己紹介をページから消しました。',
  'Your bio says that already.': '自己紹介はすでにその内容です。',
  'You have no bio.': '自己紹介はありません。',
  'where you last wrote': '最後に書いた場所',
  '@{handle} ({name}), opted in; identities: {ids}; mention notices: {notify}.':
    '@{handle} ({name})、参加中。アカウント: {ids}。メンション通知: {notify}。',
  '@{handle} ({name}), not opted in; identities: {ids}; mention notices: {notify}.':
    '@{handle} ({name})、未参加。アカウント: {ids}。メンション通知: {notify}。',
  'Mention notices are off.': 'メンション通知をオフにしました。',
  'You have no identity on {network}. Link one first ("link {network} ID"), or say "notify off".':
    '{network} のアカウントがありません。先に連携する(「link {network} ' +
    'ID」)か、「notify off」を送ってください。',
  'Mention notices go to {network}.': 'メンション通知は {network} に送ります。',
  'That is the identity you are writing from.': 'それは今書いているアカウントです。',
  '@{handle} asks to link this identity to theirs on Meshline. If that is you, reply: confirm {code}':
    '@{handle} さんがこのアカウントを Meshline ' +
    'で連携しようとしています。あなたなら「confirm ' +
    '{code}」と返信してください',
  'I sent a code to {id} on {network}. Reply "confirm CODE" from there within {minutes} minutes.':
    '{network} の {id} にコードを送りました。{minutes} 分以内にそちらから「confirm ' +
    'コード」と返信してください。',
  '"{target}" is not an address.': '「{target}」はアドレスではありません。',
  'Posted #{id}, in reply to {parent}.': '#{id} を {parent} への返信として投稿しました。',
  'That handle cannot be used: {problem}.': 'その名前は使えません: {problem}。',
  'You are @{handle} already.': 'すでに @{handle} です。',
  '@{handle} is taken; choose another.': '@{handle} は使われています。別の名前を選んでください。',
  'You are @{handle} now; links to @{old} lead to your new page.':
    '@{handle} になりました。@{old} へのリンクは新しいページに届きます。',
  'I am not in {room}; ask its operator to invite me, or the Meshline operator to add it.':
    '{room} には入っていません。ルームの管理人に招待を頼むか、Meshline ' +
    'の運営者に追加を頼んでください。',
  'Only an operator of {room} can change that.': 'それを変えられるのは {room} の管理人だけです。',
  '{room} is already published.': '{room} はすでに公開されています。',
  '{room} is already not published.': '{room} はすでに非公開です。',
  '{room} is now published: messages of people who opted in appear on the site.':
    '{room} を公開しました。参加した人のメッセージがサイトに載ります。',
  '{room} is no longer published; what was published stays.':
    '{room} の公開をやめました。公開済みのものは残ります。',
  'This identity is not verified on its network (log in to services first), so it cannot be linked.':
    'このアカウントはネットワークで確認されていない(まずサービスにログイ' +
    'ンしてください)ため、連携できません。',
  'That code is unknown or expired.': 'そのコードは無効か期限切れです。',
  'The person who asked for this link is gone.': '連携を申し込んだ人はもういません。',
  'Already linked to @{handle}.': 'すでに @{handle} と連携しています。',
  'Linked: this identity is now @{handle}.':
    '連携しました。このアカウントは @{handle} になりました。',
  'Only an admin of {network} can do that.': 'それができるのは {network} の管理者だけです。',
  'Nobody is waiting.': '待っている人はいません。',
  'Waiting: {list}': '待機中: {list}',
  'An admin of this Meshline has not allowed publishing you; nothing new of yours will be.':
    'この Meshline の管理者はあなたの公開を認めませんでした。今後は何も公開' +
    'されません。',
  'Denied {id}. @{handle} is no longer published.':
    '{id} を拒否しました。@{handle} はもう公開されません。',
  'Denied {id}.': '{id} を拒否しました。',
  'Approved {id}: "join" from there now opts them in.':
    '{id} を承認しました。そちらから「join」を送れば参加できます。',
  'Approved {id}; they are in as @{handle}.':
    '{id} を承認しました。@{handle} として参加しています。',
  'You no longer follow {what}.': '{what} のフォローをやめました。',
  'You do not follow {what}.': '{what} はフォローしていません。',
  'Nobody here is called {who}.': 'ここに {who} という人はいません。',
  'That is you.': 'それはあなたです。',
  'You follow {what}: its new posts reach you here, a few at a time.':
    '{what} をフォローしました。新しい投稿がここに何件かずつ届きます。',
  'Following {what}: its posts show on the mesh page of this site, and reach you here.':
    '{what} をフォローしました。投稿はこのサイトのメッシュのページに載り、' +
    'ここにも届きます。',
  'This site follows {what} already; its new posts reach you here now.':
    'このサイトはすでに {what} をフォローしています。新しい投稿がここに届' +
    'くようになりました。',
  'This site does not follow {what}.': 'このサイトは {what} をフォローしていません。',
  'You no longer hear of {what}; the site still follows it: someone else added it.':
    '{what} の通知をやめました。ほかの人が追加したので、サイトはフォローを' +
    '続けます。',
  'No longer following {what}.': '{what} のフォローをやめました。',
  'This site follows: {list}.': 'このサイトのフォロー: {list}。',
  'This site follows nothing elsewhere.': 'このサイトは他をフォローしていません。',
  'You follow: {list}.': 'あなたのフォロー: {list}。',
  'You follow nothing yet ("follow @someone").': 'まだ何もフォローしていません(「follow @相手」)。',
  'You no longer hear from @{who}.': '@{who} からの通知を止めました。',
  'You blocked @{who} already.': '@{who} はすでにブロックしています。',
  'You hear from @{who} again.': '@{who} からの通知を再開しました。',
  'You had not blocked @{who}.': '@{who} はブロックしていませんでした。',
  'You starred #{id} already.': '#{id} にはすでにスターを付けています。',
  'You had not starred #{id}.': '#{id} にはスターを付けていませんでした。',
  'Starred #{id}.': '#{id} にスターを付けました。',
  'Unstarred #{id}.': '#{id} のスターを外しました。',
  'Your own posts get their votes from others.': '自分の投稿には投票できません。',
  'You had not voted on #{id}.': '#{id} には投票していませんでした。',
  'You voted that way on #{id} already.': '#{id} にはすでにそう投票しています。',
  'Your vote on #{id} is taken back.': '#{id} への投票を取り消しました。',
  'Voted #{id} up.': '#{id} に賛成票を入れました。',
  'Voted #{id} down.': '#{id} に反対票を入れました。',
  'You had not echoed #{id}.': '#{id} はエコーしていませんでした。',
  'Your echo of #{id} is gone.': '#{id} のエコーを消しました。',
  'You echoed #{id} already (#{echo}).': '#{id} はすでにエコーしています(#{echo})。',
  '#{id} is an echo: echo #{original} itself.':
    '#{id} はエコーです。#{original} 自体をエコーしてください。',
  'Echoed #{id} on your page as #{echo}.':
    '#{id} をあなたのページに #{echo} としてエコーしました。',
  'You flagged #{id} already.': '#{id} はすでに報告しています。',
  'You had not flagged #{id}.': '#{id} は報告していませんでした。',
  '#{id} is hidden: {count} people flagged it. "unhide {id}" shows it again.':
    '#{id} を非表示にしました。{count} 人が報告しました。「unhide ' +
    '{id}」で再表示できます。',
  'Flagged #{id}; the admins will look at it.': '#{id} を報告しました。管理者が確認します。',
  'Your flag on #{id} is taken back.': '#{id} への報告を取り消しました。',
  'Only admins pin and hide posts (room operators pin in their room).':
    '投稿を固定・非表示にできるのは管理者だけです(ルームの管理人はそのル' +
    'ームで固定できます)。',
  '#{id} is pinned already.': '#{id} はすでに固定されています。',
  '#{id} is not pinned already.': '#{id} は固定されていません。',
  '#{id} is hidden already.': '#{id} はすでに非表示です。',
  '#{id} is not hidden already.': '#{id} は非表示ではありません。',
  'Pinned #{id}.': '#{id} を固定しました。',
  'Unpinned #{id}.': '#{id} の固定を外しました。',
  'Hid #{id}.': '#{id} を非表示にしました。',
  'Unhid #{id}.': '#{id} を再表示しました。',
  'No post this site follows is at {url}.':
    '{url} にはこのサイトがフォローしている投稿はありません。',
  'You had not starred that post.': 'その投稿にはスターを付けていませんでした。',
  'You had not voted on that post.': 'その投稿には投票していませんでした。',
  'You starred it already.': 'すでにスターを付けています。',
  'You voted that way on it already.': 'すでにそう投票しています。',
  'Starred it.': 'スターを付けました。',
  'Unstarred it.': 'スターを外しました。',
  'Your vote on it is taken back.': '投票を取り消しました。',
  'Voted it up.': '賛成票を入れました。',
  'Voted it down.': '反対票を入れました。',
  'Nobody here is called {who}; nothing was sent.':
    'ここに {who} という人はいません。何も送っていません。',
  'Say whom it is for: private @someone TEXT': '宛先を指定してください: private @相手 テキスト',
  [
    'Sent privately to {who} as P{id}. It is not on the site; their sites get it sealed for them when ' +
    'they next pull this one.'
  ]:
    '{who} に P{id} として非公開で送りました。サイトには載りません。相手のサ' +
    'イトは次にこのサイトを取得したとき、封印されたものを受け取ります。',
  'Sent privately to {who} as P{id}. It is not on the site.':
    '{who} に P{id} として非公開で送りました。サイトには載りません。',
  'You have no private post P{id}.': '非公開の投稿 P{id} はありません。',
  'Deleted P{id}, and its sealed copies on this site.':
    'P{id} と、このサイトにある封印されたコピーを削除しました。',
  '@{handle} mentioned you: "{text}" {url}': '@{handle} さんがあなたに言及しました:「{text}」 {url}',
  '{who} replied to you: "{text}"': '{who} さんがあなたに返信しました:「{text}」',
  '{who} mentioned you: "{text}"': '{who} さんがあなたに言及しました:「{text}」',
  '{who} in {tag}': '{tag} の {who}',
  'New from what you follow: {list} (and {more} more)': 'フォロー中の新着: {list}(ほか {more} 件)',
  'New from what you follow: {list}': 'フォロー中の新着: {list}',
  'Private from {from} (P{id}): {text} — answer privately: reply P{id} TEXT':
    '{from} からの非公開メッセージ (P{id}): {text} — 非公開で返信: reply P{id} ' +
    'テキスト',
  'An admin of this Meshline has not allowed publishing you here.':
    'この Meshline の管理者は、ここであなたを公開することを認めていません。',
  'There are several {kind} networks here: {list}. Name one.':
    'ここには {kind} のネットワークが複数あります: ' +
    '{list}。どれか一つを指定してください。',
  'Networks: {list}.': 'ネットワーク: {list}。',
  'No chat network is configured.': 'チャットのネットワークが設定されていません。',
  'There is no network "{word}" here.': 'ここに「{word}」というネットワークはありません。',
  '"{text}" names nobody.': '「{text}」は誰も指していません。',
  '{problem}. Follow takes @someone or #tag here, or {forms}.':
    '{problem}。フォローできるのは、ここの @相手 や #タグ、または {forms} ' +
    'です。',
  'a handle needs at least one letter or digit': '名前には文字か数字が一つ以上必要です',
  'a handle is at most {max} bytes': '名前は {max} バイトまでです',
  '"{name}" is a name the site uses': '「{name}」はサイトが使う名前です',
  'a handle has only letters, digits, _ . - and starts with a letter or digit':
    '名前には文字・数字・_ . - だけが使え、文字か数字で始まります',
  '"{text}" is not a host name': '「{text}」はホスト名ではありません',
  '"{text}" is not a handle': '「{text}」は名前ではありません',
  '"{text}" is not a tag': '「{text}」はタグではありません',
  '"{text}" is not a source: {forms}': '「{text}」はソースではありません: {forms}',
  '"{text}" is not a web address': '「{text}」はウェブのアドレスではありません',
  'a source address must not carry a user name or password':
    'ソースのアドレスにユーザー名やパスワードを含めてはいけません',
};
