// Japanese replies of the bot (src/core/say.ts): the English text as said in the code, its Japanese. A unit test
// checks that every text the code says has one here, with the same placeholders.
export const JA: Readonly<Record<string, string>> = {
  'Commands: {list}': 'コマンド: {list}',
  'Usage: {usage}': '使い方: {usage}',
  'I do not know "{word}". {help}': '「{word}」はわかりません。{help}',
  'help: this list': 'help: この一覧',
  'join: publish my status and messages (opt in)': 'join: 自分のステータスとメッセージを公開する(同意)',
  'optout: stop publishing me (posts stay)': 'optout: 公開をやめる(投稿は残る)',
  'forget: delete everything of mine, from the store and the site': 'forget: 自分のすべてを保存先とサイトから削除する',
  'post TEXT: publish a post': 'post テキスト: 投稿する',
  'reply ID|URL|P<n> TEXT: answer a post here (its number), elsewhere (its address) or a private one':
    'reply ID|URL|P<n> テキスト: ' + 'ここ(番号)、他のサイト(アドレス)、または非公開の投稿に返' + '信する',
  'private @someone [@someone@their.site …] TEXT: a post for them only, never on the site':
    'private @相手 [@相手@サイト …] テキスト: ' + '相手だけへの投稿(サイトには載らない)',
  'delete ID|P<n>: delete one of my posts, or a private one (and its sealed copies)':
    'delete ID|P<n>: 自分の投稿、または非公開の投稿(と封印されたコ' + 'ピー)を削除する',
  'edit ID TEXT: change one of my posts': 'edit ID テキスト: 自分の投稿を変更する',
  'whoami: what Meshline knows about me': 'whoami: Meshline が自分について知っていること',
  'link NETWORK ID: prove that identity is mine too (a code is sent there)':
    'link ネットワーク ID: そのアカウントも自分のものだと証明す' + 'る(そちらにコードが届く)',
  'confirm CODE: finish a link, from the other identity': 'confirm コード: もう一方のアカウントから連携を完了する',
  'notify NETWORK|off: where to send mention notices': 'notify ネットワーク|off: メンション通知の送り先',
  'publish ROOM on|off: publish a room you operate, or stop':
    'publish ルーム on|off: 管理しているルームを公開する、または止' + 'める',
  'handle NAME: choose the name of my page and @mentions (old links keep working)':
    'handle 名前: 自分のページと @メンションの名前を選ぶ(古いリン' + 'クも使える)',
  'name [TEXT]: the name on my page and posts (alone: the one my network gives)':
    'name [テキスト]: ページと投稿に出る名前(単独: ' + 'ネットワークの名前に戻す)',
  'bio [TEXT]: a line about me on my page (alone: none)': 'bio [テキスト]: ページに載せる自己紹介(単独: なし)',
  'identities on|off: show on my page where else I am (my IRC, XMPP and Matrix ids)':
    'identities on|off: 他のアカウント(IRC・XMPP・Matrix)をページに表示' + 'する',
  'approve ID: (admins) let someone who asked opt in': 'approve ID: (管理者)申請した人の参加を認める',
  'deny ID: (admins) refuse someone, and stop publishing them': 'deny ID: (管理者)拒否して公開をやめる',
  'pending: (admins) who is waiting for approval': 'pending: (管理者)承認待ちの人',
  'follow @someone|#tag|SOURCE: hear of new posts here, or of a site, @person@host, #tag@host or feed':
    'follow @相手|#タグ|ソース: ここ、またはサイト・@人@ホスト・#' +
    'タグ@ホスト・フィードの新しい投稿を知らせてもらう',
  'unfollow @someone|#tag|SOURCE: stop following it': 'unfollow @相手|#タグ|ソース: フォローをやめる',
  'following: what you and this site follow': 'following: あなたとこのサイトがフォローしているもの',
  'star ID|URL (unstar ID|URL): mark a post you like, here or a followed one (by its address)':
    'star ID|URL (unstar ID|URL): ' + '気に入った投稿にスターを付ける(フォロー中の投稿はアドレ' + 'スで)',
  'up ID|URL, down ID|URL (unvote ID|URL): vote a post up or down, once':
    'up ID|URL, down ID|URL (unvote ID|URL): ' + '投稿に賛成・反対を一度だけ投票する',
  'echo ID [COMMENT] (unecho ID): show a post on your own page, with a comment':
    'echo ID [コメント] (unecho ID): ' + '投稿をコメント付きで自分のページに表示する',
  'flag ID [REASON] (unflag ID): tell the admins a post should not be here':
    'flag ID [理由] (unflag ID): ' + 'ここにあるべきでない投稿を管理者に知らせる',
  'pin ID, unpin ID, hide ID, unhide ID: (admins; room operators pin in their room) head the timeline, or hide':
    'pin ID, unpin ID, hide ID, unhide ID: ' +
    '(管理者・ルームでは管理人)タイムラインの先頭に固定する、' +
    'または隠す',
  'block @someone[@their.site]: no more notices from them': 'block @相手[@サイト]: その人からの通知を止める',
  'unblock @someone[@their.site]: hear from them again': 'unblock @相手[@サイト]: 通知を再開する',
  ['Welcome, @{handle}! Your statuses and messages in published rooms now appear on the ' +
    'site. Send "help" for commands, "handle NAME" to choose your name there.']:
    'ようこそ、@{handle} さん! あなたのステータスと公開ルームでの' +
    'メッセージがサイトに載るようになりました。コマンドは「hel' +
    'p」、サイトでの名前を選ぶには「handle ' +
    '名前」を送ってください。',
  'You are already in, as @{handle}.': 'すでに @{handle} として参加しています。',
  'Your identity is not verified on this network (log in to services first), so I cannot publish you.':
    'このネットワークでのアカウントが確認されていない(まずサ' + 'ービスにログインしてください)ため、公開できません。',
  'This Meshline publishes only the people its operator listed; ask them to add you.':
    'この Meshline は運営者が登録した人だけを公開します。運営者' + 'に追加を頼んでください。',
  'Your request to join waits for an admin of this Meshline; I will tell you here when they decide.':
    '参加の申請はこの Meshline の管理者の判断待ちです。決まった' + 'らここでお知らせします。',
  'Your request to join is withdrawn; nothing of yours is kept.':
    '参加の申請を取り下げました。あなたの情報は何も残りません' + '。',
  'You were not opted in; nothing is published of you.': '参加していなかったので、何も公開されていません。',
  'Done: nothing new of yours will be published. Your posts stay; send "forget yes" to delete them all.':
    '完了: 今後は何も公開されません。投稿は残ります。すべて削' + '除するには「forget yes」を送ってください。',
  'I do not know you yet. Send "join" to opt in.':
    'まだあなたを知りません。参加するには「join」を送ってくだ' + 'さい。',
  'You are not opted in. Send "join" first.': '参加していません。まず「join」を送ってください。',
  ['This deletes all your posts and everything Meshline knows of you, from the site ' +
    'too. Send "forget yes" to go ahead.']:
    'あなたの投稿と Meshline が知っているすべてを、サイトからも' +
    '削除します。続けるには「forget yes」を送ってください。',
  'Forgotten: your posts and identities are deleted and the site is being updated.':
    '削除しました: 投稿とアカウントは消え、サイトを更新してい' + 'ます。',
  'Posted #{id}.': '#{id} を投稿しました。',
  'Deleted #{id}.': '#{id} を削除しました。',
  'Edited #{id}.': '#{id} を編集しました。',
  'You have no post #{id}.': 'あなたの投稿 #{id} はありません。',
  'There is no post #{id}.': '投稿 #{id} はありません。',
  'Your name is {name} now, on your page and your posts.': 'ページと投稿での名前を {name} にしました。',
  'Your name is {name} already.': '名前はすでに {name} です。',
  'Your bio is on your page now.': '自己紹介をページに載せました。',
  'Your bio is gone from your page.': '自己紹介をページから消しました。',
  'Your bio says that already.': '自己紹介はすでにその内容です。',
  'You have no bio.': '自己紹介はありません。',
};
