"""A fifth held-out set for the tone checker, written before the fifth generation of tone work.

It was written without reading the rules or the earlier corpora, so nothing in it was shaped
by what the rules catch. Never tune a rule against it and never copy its sentences into the
rules; it is consulted only for totals. Two of its drafts turned out to repeat an earlier set
word for word and were reworded before it was committed.

``HOSTILE_UNSEEN5`` holds 120 replies a seller might really send that are hostile, defensive,
cold or passive-aggressive: blaming the customer (their address, size, choices, not reading the
listing), "as I already said", sending them back to the listing or the policy, regretting their
feelings instead of the problem, belittling the price or their expectations, comparing them with
happier customers, complaints about workload, threats of reports, blocks or reviews, doubting
their story, rude demands for proof, grudging refunds, lectures, mock politeness, warm openings
that turn on the customer, cold refusals, dismissing the carrier's part, guilt trips, ultimatums,
condescension, sarcastic emojis, capitals and mild swearing. They run from one-liners to
five-sentence replies that bury a single barb in the middle.

``WARM_UNSEEN5`` holds 90 replies a kind, professional, busy seller would send and that must not
be flagged: apologies and fixes for damaged, late, wrong or lost items, firm refusals with a
reason, polite boundaries with abusive buyers, plain mentions of the carrier, the tracking and
the policy, kind requests for a photo, and (the last 25) proactive messages that answer no
complaint at all.
"""

from __future__ import annotations

HOSTILE_UNSEEN5: list[str] = [
    "As I already said in my last message, the size chart is right there on the listing.",
    (
        "Per my last message, we do not offer refunds on sale items. Please read before "
        "you reply again."
    ),
    "I'm sorry you feel that way.",
    "Sorry you feel that way, but nobody else has had a problem with this candle.",
    "Maybe measure yourself properly next time before ordering a small.",
    "The address you gave us was wrong. That's on you, not me.",
    (
        "Did you even read the listing? It clearly says the mug is hand-thrown and every "
        "one is different."
    ),
    "For £8 what exactly were you expecting, solid gold?",
    (
        "Hundreds of happy customers have bought this exact print and you're the only one "
        "complaining."
    ),
    "I have 200 orders to get out this week and I really don't have time for this.",
    "If you leave a bad review I will report you to Etsy for feedback extortion.",
    "Any more messages like this and you'll be blocked.",
    "I find it very hard to believe the parcel arrived empty.",
    "Send me a photo. A real one this time, not something you found online.",
    "Fine. I've refunded you. Hope you're happy.",
    "Refund sent, though honestly I don't know why I bother with buyers like you.",
    "Let me explain this slowly: handmade means small variations. That is not a defect.",
    (
        "Thank you SO much for your lovely message 🙂 Unfortunately reading isn't optional "
        "when you shop online 🙂"
    ),
    (
        "Hi there! Thanks so much for reaching out, we really appreciate it. That said, "
        "the color is exactly as pictured and maybe your screen is the problem."
    ),
    "No refunds. It's in the policy.",
    "Not our problem once it leaves our hands. Take it up with Royal Mail.",
    "We posted it. What the courier does after that is frankly none of my concern.",
    "Do you have any idea how long it takes to make one of these? Clearly not.",
    "I put my heart into every order and this is the thanks I get.",
    "Reply by Friday with photos or I'm closing the case. Your choice.",
    "Either you send it back at your own cost this week or you get nothing.",
    "Sweetie, wool shrinks if you boil-wash it. Everyone knows that.",
    "I'm not sure what part of 'made to order, 3-4 weeks' was unclear.",
    "WHERE in the listing does it say next-day delivery? NOWHERE.",
    "THE TRACKING SAYS DELIVERED. THERE IS NOTHING ELSE I CAN DO.",
    "Bloody hell, it's a keyring, not a kidney transplant.",
    "Honestly this is a ridiculous amount of fuss over a £4 sticker.",
    "Wow, okay 😂 good luck finding anyone cheaper.",
    "Sure, blame the seller 🙄",
    "Great, another 'it never arrived' message. Shocking.",
    "With respect, you ordered the wrong size, and now you expect me to pay for your mistake.",
    "Dear Customer, Your complaint has been noted. No further action will be taken. Regards.",
    (
        "We acknowledge receipt of your correspondence. The item was dispatched in "
        "accordance with our terms. We consider the matter closed."
    ),
    "I'll refund you this once, but don't make a habit of it.",
    "You can return it, but I'll be checking very carefully that it's the same one I sent.",
    "Funny how it's always the last day of the return window when these 'problems' show up.",
    "People like you are why small shops are closing.",
    "Thanks for the order and thanks for the earful, I suppose.",
    "I'm afraid your expectations are simply not realistic for a handmade item at this price.",
    "If you wanted perfection you should have gone to a big store.",
    "Perhaps a shop that sells mass-produced junk would suit you better.",
    "I've been doing this eleven years; I think I know how to wrap a parcel.",
    (
        "Hi Jo, thanks for getting in touch. I've looked into your order and it was "
        "posted on Tuesday as promised. Tracking shows it reached your local depot "
        "yesterday. Frankly, if you'd put the right flat number on the order it would be "
        "with you by now. It should still arrive within a couple of days."
    ),
    (
        "Thanks for your message. I'm sorry to hear the earrings are tarnishing. They're "
        "sterling silver, which needs polishing now and then. I did include a care card, "
        "which clearly went straight in the bin. Happy to send another cloth if you need "
        "one."
    ),
    (
        "Hello! We're so glad you chose our little shop. Please note that we don't accept "
        "returns on earrings for hygiene reasons. I would have thought that was obvious. "
        "Have a lovely day!"
    ),
    "No offence, but it sounds like you just changed your mind.",
    ("Not being funny, but you ticked the box saying you'd read the personalisation guidelines."),
    "You again? What is it this time?",
    "I honestly don't know what you want me to say.",
    "I'll look into it when I get a minute, I do have other customers you know.",
    "Please stop messaging me every hour. It won't make the post go any faster.",
    "It's been two days. Calm down.",
    "Relax, it's a pair of socks.",
    "I'm done discussing this. The answer is still no.",
    "Read the policy. Then read it again.",
    (
        "Everything you need to know is in the FAQ, which you would have seen if you'd "
        "bothered to look."
    ),
    "Kindly refer to the listing description, which answers every one of your questions.",
    "I've already explained this three times.",
    "Just to reiterate, since you seem to have missed it: we don't ship to PO boxes.",
    (
        "You'll get your money back when I get the item back, and not a minute before. "
        "Tracked postage at your expense."
    ),
    ("I need proof. Photos, the packaging, the label, everything, otherwise don't waste my time."),
    "Funny, the scales at the post office said it weighed 400g when it left here.",
    "I highly doubt it was broken when it arrived. More likely it got dropped.",
    (
        "Every other buyer of this dress in a 12 says it fits perfectly, so the issue may "
        "not be the dress."
    ),
    "Bit of a strong reaction for a late parcel, don't you think?",
    "I'm sorry if you were upset, but I really don't see what I did wrong.",
    "I apologise if you feel misled, although the photos are quite clear.",
    "We're sorry for any perceived inconvenience.",
    "Feel free to leave whatever review you like, people can read your messages too.",
    "Go ahead and open a case. eBay will side with me, I have the tracking.",
    "Just so you know, I keep screenshots of every conversation.",
    "Threatening me with a one-star review won't get you a free cushion.",
    "You do realize this is a one-woman business and you're taking up my entire evening?",
    ("I've worked fourteen hours today, so forgive me if I don't jump for joy at your complaint."),
    "Way to ruin my morning. Replacement is on its way.",
    (
        "It's a little disappointing that you didn't message me before opening a case, "
        "but I guess that's how some people are."
    ),
    "I'd have happily helped if you'd asked nicely.",
    "Next time, perhaps read the dimensions before clicking buy. Refund processed.",
    "Great news, your refund's gone through! Please don't order from us again.",
    "I've canceled your order. I don't think we're a good fit.",
    "Your address is literally a field with no house number. What did you think would happen?",
    "The courier can't deliver to an address that doesn't exist, can they.",
    "Ugh. Fine. Sending a new one.",
    "Unbelievable. You've had it for three months and now it's faulty?",
    "That's not how wax melts work, but okay.",
    "Okay then 👍 Good luck with that.",
    "Absolutely not. Final sale means final sale.",
    "I'm running a shop, not a charity.",
    "Do you also take your shoes back to the shop after wearing them for a year?",
    "Was there anything else, or can I get back to running a business?",
    "Honey, that's what 'pre-loved' means. It's been used before.",
    "You might want to look up what 'approximate' means.",
    "Firstly, it's 'received', not 'recieved'. Secondly, it was delivered on the 4th.",
    "Not my fault you weren't home for the delivery.",
    "You chose the cheapest postage option. You get what you pay for.",
    "If you'd paid for tracked shipping we wouldn't be having this conversation.",
    "As a gesture of goodwill, which frankly you haven't earned, I've refunded the postage.",
    "Here's your refund. I won't be holding my breath for an apology.",
    (
        "Hi! So lovely to hear from you 😊 I've checked and the order shows as delivered, "
        "so it must be somewhere at your end! Maybe ask your neighbours, or whoever else "
        "lives with you 😉"
    ),
    (
        "Dear Sir, I note that this is your fourth complaint in as many orders. I would "
        "respectfully suggest you find another shop."
    ),
    "Per our terms, which you agreed to at checkout, this is not eligible. Good day.",
    "The policy exists for a reason. I'm not making an exception because you're cross.",
    "If everyone got a refund every time they didn't like the colour, I'd be out of business.",
    (
        "I've had a look at the photos. Honestly, that's a tiny scratch, most people "
        "wouldn't even notice it. I'm not refunding over that."
    ),
    (
        "Shame you didn't mention the free bookmark I included. Anyway, tracking says "
        "it's out for delivery."
    ),
    "I'm sure you'll find something else to complain about when it arrives.",
    (
        "Hi Priya, thanks for your message. I can see the order was delivered on Monday. "
        "I'm not sure why you're only telling me now, ten days later, but I'll open a "
        "claim with the courier. It can take up to three weeks, so please don't chase me "
        "in the meantime."
    ),
    "Listen, I've been more than patient with you.",
    "I think we both know the ring fitted fine when you tried it on.",
    "You had a whole week to cancel. Now it's made. Tough.",
    "We engraved exactly what you typed. Maybe proofread your own order next time?",
    "Whatever kind of day you're having, it isn't my fault.",
    "Typing in capitals doesn't make you right.",
    "For crying out loud, it says 'print only, frame not included' in the damn title.",
    (
        "Aww, bless! 💕 Returns are only for faulty items, hun, and this isn't faulty, you "
        "just don't like it 💕"
    ),
]

WARM_UNSEEN5: list[str] = [
    "So sorry! Replacement goes out tomorrow.",
    (
        "I'm really sorry the vase arrived broken. I've sent a replacement today and you "
        "don't need to return the broken one."
    ),
    (
        "Oh no, that's not the print you should have had. I'm so sorry for the mix-up; "
        "the right one is on its way by first class and I've emailed you a prepaid label "
        "for the other."
    ),
    (
        "Sorry for the wait. Royal Mail shows your parcel at the Bristol mail centre, so "
        "it should reach you in the next day or two. If it hasn't turned up by Friday, "
        "let me know and I'll send another."
    ),
    (
        "Thanks for letting me know. I'm sorry the parcel has gone missing. I've opened a "
        "claim with USPS and I'm sending a replacement today rather than making you wait "
        "for them."
    ),
    (
        "Unfortunately the return window closed on the 3rd, so I can't take this one "
        "back. I'm sorry. If the strap breaks or anything goes wrong with it, though, "
        "I'll repair it free of charge."
    ),
    (
        "I'm afraid I can't accept returns on personalised items, as I can't resell a "
        "necklace with someone's name on it. I hope you understand. If there's a mistake "
        "in the engraving on my side, I'll of course redo it."
    ),
    (
        "Honestly, that's my mistake, not yours. I misread the order. A corrected mug is "
        "going in the post this afternoon."
    ),
    (
        "I can't refund before the item comes back, but as soon as it's scanned in at my "
        "end I'll process it the same day."
    ),
    (
        "Could you send me a photo of the damage when you have a moment? It helps me file "
        "the claim with the carrier. No rush, and sorry for the hassle."
    ),
    (
        "Would you mind sending a quick photo of the shipping label? Then I can check "
        "whether the address was printed correctly on my side."
    ),
    (
        "I'm sorry you've had such a frustrating week with this order. I'd like to put it "
        "right: would you prefer a replacement or a full refund?"
    ),
    (
        "I do want to help and I'm happy to keep talking this through, but I won't "
        "continue the conversation if the messages include insults. Your refund request "
        "is with me and I'll reply properly by tomorrow."
    ),
    (
        "I understand you're angry, and I'm sorry the order let you down. I'm not able to "
        "respond to threats, but I can offer a full refund on return, which I'm happy to "
        "set up now."
    ),
    (
        "Thank you for your patience. The tracking hasn't updated since Tuesday, which "
        "usually means a hold-up at the depot. I'll give it until Thursday and then send "
        "a new one either way."
    ),
    (
        "Your refund went through today. It can take 3 to 5 working days to show on your "
        "statement. Sorry again that the colour wasn't what you hoped for."
    ),
    (
        "That's definitely not the standard I aim for, and thank you for telling me. I've "
        "refunded the postage and a new scarf is on its way."
    ),
    (
        "I'm so sorry about the stain. That must have been a disappointing thing to "
        "unwrap. Please keep it, and I'll send a fresh one today."
    ),
    (
        "Per our returns policy, unworn items can come back within 30 days, so you're "
        "well within time. I'll message you a return label now."
    ),
    (
        "The listing says 8-10 weeks for custom pieces and yours is in week 7, so it's "
        "right on track. I'll send you a photo once the glaze is done."
    ),
    (
        "Unfortunately we can't ship to PO boxes, as our courier can't deliver there. "
        "Could you give me a street address instead? I'll hold your order until then."
    ),
    (
        "I'm afraid this item has sold out, so I've refunded you in full. Sorry for the "
        "disappointment; I'll let you know if it comes back."
    ),
    (
        "Apologies for the slow reply, I've been off sick this week. Your order is packed "
        "and goes out first thing tomorrow."
    ),
    (
        "I completely understand why you're upset. The parcel should have been with you "
        "last week. I've chased the courier and refunded your shipping in the meantime."
    ),
    (
        "Thanks for bearing with me. The wrong size was sent because of a labelling error "
        "at my end. Please keep the small if it's of any use, and the medium is on its "
        "way."
    ),
    (
        "Honestly, don't worry about sending it back. Just let me know which color you'd "
        "like instead."
    ),
    (
        "I can't offer a refund for a change of mind on a made-to-order piece, but I'd be "
        "glad to swap the cord for a different length at no charge."
    ),
    (
        "I'm sorry it doesn't fit. These do run small, and I should make that clearer on "
        "the listing. I'll send the next size up as soon as the first one is on its way "
        "back."
    ),
    "No problem at all, I've changed the delivery address on your order before it ships.",
    (
        "Sorry, I should have checked with you before substituting the ribbon colour. "
        "Would you like me to send the original one?"
    ),
    (
        "Thank you for the photos, they're really helpful. That crack definitely happened "
        "in transit. I'm sending a replacement and I'll sort things out with the carrier "
        "myself."
    ),
    (
        "I hear you, and I'm sorry. That's a long wait for a gift that was meant for a "
        "birthday. I've upgraded the replacement to next-day delivery at my cost."
    ),
    (
        "I've looked into it and the parcel came back to me as undeliverable. Could you "
        "double-check the postcode for me? I'll re-send it as soon as I hear back."
    ),
    (
        "I'm sorry, I know that's not the answer you were hoping for. Because the candle "
        "has been burned I can't take it back, but I'd love to send you a free sample of "
        "the unscented version to try."
    ),
    ("I'm really sorry for the delay. The fault is entirely mine, and I've refunded your postage."),
    (
        "Thanks for reaching out. The tracking on eBay shows delivered, but I know that "
        "isn't always right. Could you check with neighbors or any safe place? If it "
        "doesn't turn up by Monday I'll send another."
    ),
    "Oh dear, that's not good at all. I'm sorry. Full refund sent; no need to return it.",
    (
        "I'm sorry, I can't offer a discount on this order, but shipping is free on "
        "anything over £30 if that helps."
    ),
    (
        "Of course. I've canceled the order and refunded you in full. Hope to see you "
        "again some time."
    ),
    (
        "You're right, the colour in my photos is brighter than in real life, and that's "
        "on me. I've retaken them today. Would you like an exchange, or a partial refund "
        "if you'd rather keep it?"
    ),
    (
        "I'm afraid the embroidery can't be changed now that it's stitched, but I've "
        "taken 20% off as an apology for the confusion over the spelling."
    ),
    (
        "I appreciate you telling me so calmly. I've checked the batch and you're right, "
        "a few had loose clasps. Your replacement goes out today."
    ),
    (
        "Sadly this one is just outside the 14-day window, but since it's your first "
        "order I'm happy to make an exception. Send it back whenever suits you."
    ),
    (
        "I can see the chip on the lid in your photo. I'm sorry. Would a replacement lid "
        "be enough, or would you rather have a whole new jar?"
    ),
    (
        "I'll be honest: I don't know yet where your parcel is. I've asked Royal Mail to "
        "trace it and I'll update you by Wednesday either way."
    ),
    (
        "Thank you for spotting the mistake in the listing. You're right, the book has "
        "120 pages, not 200. I've corrected it, and if that changes things for you I'm "
        "happy to take it back."
    ),
    (
        "I'm sorry for the tone of my last message; it came across more bluntly than I "
        "meant. Let's get this sorted: I'll send a replacement today."
    ),
    (
        "Let me make this right. I've sent a new tote by tracked delivery, with a small "
        "extra as a thank-you for your patience."
    ),
    (
        "I'm not able to accept returns on underwear for hygiene reasons, which I know is "
        "frustrating. If the size is wrong, though, I can swap it as long as it's "
        "unopened."
    ),
    (
        "Thanks for pointing that out. I'll pass your feedback on to my supplier so it "
        "doesn't happen again."
    ),
    (
        "I understand. I'll process the refund as you've asked and won't message about it "
        "again. Sorry for the trouble."
    ),
    (
        "I'm sorry, but I'm not comfortable carrying on by message when the language is "
        "this strong. I've processed your refund and wish you all the best."
    ),
    (
        "I can't quite see the damage in the photo. Could you send one from a different "
        "angle? The light may be hiding it. Thank you!"
    ),
    (
        "We sent it to the address on the order, but mix-ups happen and it doesn't matter "
        "whose it was. Let's get a new one out to the right address; just confirm it "
        "here."
    ),
    (
        "The courier marked it as refused, which sometimes happens by mistake. I'll "
        "resend it at no cost to you."
    ),
    (
        "It's completely fair to expect better than this. I'm sorry, and a replacement is "
        "on its way."
    ),
    "Happy to help! If you pop the order number here, I'll look into it straight away.",
    (
        "The policy says returns within 30 days, but please don't worry about a day or "
        "two over. Just send it back when you can."
    ),
    (
        "I'm afraid sale items are final, as it said at checkout, but I can offer you "
        "store credit if that's any help."
    ),
    (
        "Sorry for the confusion: the earrings are gold-plated, not solid gold. I'll make "
        "that clearer on the listing, and I'm happy to refund if that changes things for "
        "you."
    ),
    "Totally understandable. I'll refund the shipping fee since it arrived after the party.",
    ("I'm sorry the frame arrived scuffed. Would a 25% refund help, or would you rather swap it?"),
    (
        "Thanks for your message and sorry for the worry. Your parcel is waiting at your "
        "local delivery office. If you didn't get a card, taking ID and your order number "
        "should be enough for them to hand it over."
    ),
    (
        "I can't refund the import duty, as it's charged by customs in your country "
        "rather than by me. I'm sorry about the surprise, and I'll add a clearer note "
        "about import charges to the listing."
    ),
    (
        "I'm really sorry. I know this was meant to be a wedding gift. I'll remake it "
        "this week and send it express."
    ),
    (
        "Thank you for your order! I'll start on your print this week and let you know as "
        "soon as it ships."
    ),
    (
        "Good news, your order has shipped! Your tracking number is RM123456789GB, and it "
        "should be with you in 2-3 working days."
    ),
    (
        "Just a heads-up: the postal strike means parcels are running a few days late "
        "this week. Your order went out today, and I'll keep an eye on the tracking."
    ),
    ("Hi! Just checking in to see that your blanket arrived safely and that you're happy with it."),
    "Thank you so much for your lovely review, it made my day.",
    (
        "The lavender soap you asked about is back in stock! I've set one aside for you "
        "until Sunday."
    ),
    (
        "If you have a moment, I'd really appreciate a review. It helps small shops like "
        "mine a lot. No pressure at all, and thanks again for your order."
    ),
    (
        "Your custom sign is finished! Here's a photo before I wrap it. Let me know if "
        "you'd like any changes before it ships tomorrow."
    ),
    (
        "Just to let you know, I'm away from 20 to 27 August. Orders placed in that time "
        "will ship on the 28th. Thanks for your patience!"
    ),
    (
        "Thank you for being such a loyal customer. I've popped a little something extra "
        "in this order as a thank-you."
    ),
    (
        "Your order is running a little behind because the beads I need are delayed. I "
        "expect to ship by Thursday. Sorry for the wait, and let me know if you'd rather "
        "cancel."
    ),
    "USPS shows your parcel was delivered this morning. I hope you love it!",
    ("Quick question before I cut the fabric: would you like the pocket on the left or the right?"),
    (
        "Hello! I just wanted to confirm the spelling of the name for your engraving: "
        "'Aoife'. Is that right?"
    ),
    ("Thanks for ordering again! There's a discount code for next time tucked inside the package."),
    (
        "Just a note that your refund has been processed. Thanks for shopping with us, "
        "and I hope we can help another time."
    ),
    (
        "We've moved to plastic-free packaging this month, so your order will arrive in a "
        "paper mailer. Same care, less waste!"
    ),
    (
        "Your preorder is now in production. I'll send a shipping notice as soon as it's "
        "ready, likely in mid-March."
    ),
    (
        "Happy holidays! Just a reminder that the last posting date for Christmas "
        "delivery is 18 December."
    ),
    (
        "I noticed your order has two different addresses on it. Could you confirm which "
        "one you'd like me to use?"
    ),
    (
        "Thank you for your order. Because each piece is made to order, please allow 2-3 "
        "weeks before dispatch. I'll message you when it's on its way."
    ),
    (
        "Your order has been dispatched with Royal Mail Tracked 48. Thanks again for "
        "supporting a small business!"
    ),
    (
        "Hi, it's been a couple of weeks since your plant arrived, so here's a quick care "
        "tip: water only when the top inch of soil is dry."
    ),
    (
        "I saw the photo you shared of the bracelet. It looks gorgeous on you! Thanks so "
        "much for sharing."
    ),
    (
        "Just letting you know that the shade you ordered came out slightly darker in "
        "this batch. I've attached a photo; if you'd prefer to wait for the next batch, "
        "just say."
    ),
]
